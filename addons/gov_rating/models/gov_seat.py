from odoo import fields, models


class GovSeat(models.Model):
    _name = "gov.seat"
    _description = "Window Seat"
    _order = "window_id, code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    window_id = fields.Many2one(
        "gov.window", required=True, index=True, ondelete="cascade"
    )
    hall_id = fields.Many2one(related="window_id.hall_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Staff on Duty",
        help="Who sits at the seat now; a scan of the seat's code rates this person.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_window_unique",
            "unique(window_id, code)",
            "A seat code is used once per window.",
        ),
    ]
