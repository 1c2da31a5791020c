from odoo import fields, models


class GovDevice(models.Model):
    _name = "gov.device"
    _description = "Rating Device"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    window_id = fields.Many2one("gov.window", index=True)
    hall_id = fields.Many2one("gov.hall", required=True, index=True)
    response_interval = fields.Integer(
        string="Response Interval (s)",
        default=5,
        help="Two ratings from this device closer than this are refused and flagged.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A device code is used once."),
        (
            "interval_positive",
            "CHECK(response_interval >= 0)",
            "The response interval cannot be negative.",
        ),
    ]
