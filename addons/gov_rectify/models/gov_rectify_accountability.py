from odoo import fields, models
from odoo.exceptions import UserError

MEASURES = [
    ("criticism", "Criticism and education"),
    ("notice", "Circulated notice"),
    ("caution", "Efficiency caution"),
    ("talk", "Efficiency talk"),
    ("admonish", "Admonishment talk"),
    ("other", "Other"),
]


class GovRectifyAccountability(models.Model):
    """Who answers for a work order that was not rectified (on time)."""

    _name = "gov.rectify.accountability"
    _inherit = ["mail.thread"]
    _description = "Accountability Record"
    _order = "date desc, id desc"

    order_id = fields.Many2one(
        "gov.rectify.order", string="Work Order", index=True, ondelete="restrict"
    )
    department_id = fields.Many2one("hr.department", required=True, index=True)
    employee_id = fields.Many2one("hr.employee", string="Staff", index=True)
    date = fields.Date(
        required=True, default=lambda self: self.env.company._gov_today()
    )
    reason = fields.Text(required=True)
    measure = fields.Selection(MEASURES, required=True, tracking=True)
    decided_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(self.env._("An accountability record is kept for life."))
