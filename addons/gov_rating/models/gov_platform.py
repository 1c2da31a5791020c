import secrets

from odoo import fields, models
from odoo.tools import consteq

PLATFORM_TYPES = [
    ("business", "Business system"),
    ("hotline", "Hotline"),
    ("mobile", "Mobile app"),
    ("terminal", "Self-service terminal"),
    ("provincial", "Provincial platform"),
]


class GovPlatform(models.Model):
    _name = "gov.platform"
    _description = "Service Platform"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    platform_type = fields.Selection(PLATFORM_TYPES, required=True, default="business")
    api_key = fields.Char(
        string="API Key",
        copy=False,
        groups="gov_rating.group_gov_manager",
        help="Business systems send it as 'Authorization: Bearer <key>' to push cases.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A platform code is used once."),
    ]

    def action_generate_api_key(self):
        for platform in self:
            platform.api_key = secrets.token_urlsafe(32)

    def _find_by_api_key(self, key):
        """The active platform holding ``key``, or an empty recordset."""
        if not key:
            return self.browse()
        for platform in self.sudo().search([("api_key", "!=", False)]):
            if consteq(platform.api_key, key):
                return platform
        return self.browse()
