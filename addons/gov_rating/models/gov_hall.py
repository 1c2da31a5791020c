from odoo import fields, models


class GovHall(models.Model):
    _name = "gov.hall"
    _inherit = ["gov.index.mixin", "gov.qr.mixin", "mail.thread"]
    _description = "Service Hall"
    _order = "name"
    _gov_evaluation_field = "hall_id"
    _gov_case_field = "hall_id"
    _gov_qr_prefix = "H"

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

    def _gov_qr_case_domain(self):
        return [("hall_id", "=", self.id)]

    def _gov_qr_evaluation_vals(self):
        return {"hall_id": self.id}

    def _gov_qr_card_lines(self):
        return self.name, self.region_id.name or ""

    def _gov_qr_hall_cards(self):
        """Every counter card of the halls, in print order: the hall, then each
        window with its seats and its staff."""
        cards = []
        for hall in self:
            cards.append(hall)
            for window in hall.window_ids:
                cards += [window, *window.seat_ids, *window.employee_ids]
        return cards
