from odoo import fields, models


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "gov.index.mixin"]
    _gov_evaluation_field = "employee_id"
    _gov_case_field = "employee_ids"

    gov_window_id = fields.Many2one("gov.window", string="Service Window", index=True)
    gov_hall_id = fields.Many2one(
        related="gov_window_id.hall_id", string="Service Hall"
    )
    gov_staff_code = fields.Char(string="Staff Number")

    def action_view_gov_portrait(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rating.gov_tag_report_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {}
        return action
