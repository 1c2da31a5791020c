from odoo import fields, models

PLATFORM_TYPES = [
    ("business", "Business system"),
    ("hotline", "Hotline"),
    ("mobile", "Mobile app"),
    ("terminal", "Self-service terminal"),
    ("provincial", "Provincial platform"),
]


class GovPlatform(models.Model):
    """A system that pushes cases: business systems send their API key as
    'Authorization: Bearer <key>'."""

    _name = "gov.platform"
    _inherit = ["gov.api.key.mixin"]
    _description = "Service Platform"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    platform_type = fields.Selection(PLATFORM_TYPES, required=True, default="business")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A platform code is used once."),
    ]
