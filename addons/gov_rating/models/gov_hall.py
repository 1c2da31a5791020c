from odoo import fields, models


class GovHall(models.Model):
    _name = "gov.hall"
    _inherit = ["gov.index.mixin", "mail.thread"]
    _description = "Service Hall"
    _order = "name"
    _gov_evaluation_field = "hall_id"
    _gov_case_field = "hall_id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    region_id = fields.Many2one("gov.region", required=True, index=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Operating Department",
        help="The centre that runs the hall.",
    )
    address = fields.Char()
    window_ids = fields.One2many("gov.window", "hall_id", string="Windows")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
