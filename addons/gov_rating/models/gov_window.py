from odoo import fields, models


class GovWindow(models.Model):
    _name = "gov.window"
    _inherit = ["gov.index.mixin", "mail.thread"]
    _description = "Service Window"
    _order = "hall_id, code, name"
    _gov_evaluation_field = "window_id"
    _gov_case_field = "window_id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="The number shown above the counter.")
    hall_id = fields.Many2one("gov.hall", required=True, index=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        required=True,
        index=True,
        tracking=True,
    )
    region_id = fields.Many2one(related="hall_id.region_id", store=True, index=True)
    seat_ids = fields.One2many("gov.seat", "window_id", string="Seats")
    employee_ids = fields.One2many("hr.employee", "gov_window_id", string="Staff")
    active = fields.Boolean(default=True)
