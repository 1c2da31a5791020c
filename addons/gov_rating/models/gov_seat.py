from odoo import api, fields, models


class GovSeat(models.Model):
    _name = "gov.seat"
    _inherit = ["gov.qr.mixin"]
    _description = "Window Seat"
    _order = "window_id, code"
    _gov_qr_prefix = "S"

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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rated(self):
        self.env["gov.evaluation"]._gov_check_unrated(self, "seat_id")

    def _gov_qr_case_domain(self):
        return [("seat_id", "=", self.id)]

    def _gov_qr_evaluation_vals(self):
        return {"seat_id": self.id}

    def _gov_qr_employee(self):
        return self.employee_id

    def _gov_qr_card_lines(self):
        return f"{self.window_id.name} · {self.name}", self.hall_id.name
