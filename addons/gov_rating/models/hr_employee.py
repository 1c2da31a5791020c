from odoo import fields, models


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "gov.index.mixin", "gov.qr.mixin"]
    _gov_evaluation_field = "employee_id"
    _gov_case_field = "employee_ids"
    _gov_qr_prefix = "E"

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

    def _gov_qr_case_domain(self):
        return [("employee_ids", "in", self.id)]

    def _gov_qr_evaluation_vals(self):
        return {"employee_id": self.id}

    def _gov_qr_employee(self):
        return self

    def _gov_qr_card_lines(self):
        window = self.gov_window_id
        return self.name, " · ".join(n for n in (window.hall_id.name, window.name) if n)
