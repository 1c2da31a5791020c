from odoo import fields, models

LEVEL_CONVENTIONS = [
    ("interface", "Reporting interface (1 = very dissatisfied … 5 = very satisfied)"),
    ("gbt", "GB/T 39046 table A.8 (1 = very satisfied … 5 = very dissatisfied)"),
]


class GovPlatform(models.Model):
    _name = "gov.platform"
    _inherit = ["gov.platform", "gov.offsite.mixin"]
    _gov_offsite_fields = ("gov_push_url",)

    gov_level_convention = fields.Selection(
        LEVEL_CONVENTIONS,
        string="Level Codes",
        required=True,
        default="interface",
        help="How this platform codes the five levels, on import and on export.",
    )
    gov_push_enabled = fields.Boolean(
        string="Push Ratings",
        help="Every new rating is queued in the outbox and sent to this platform.",
    )
    gov_push_url = fields.Char(
        string="Push URL", help="The provincial platform's endpoint receiving ratings."
    )
    gov_push_token = fields.Char(
        string="Push Token",
        groups="gov_rating.group_gov_manager",
        help="Sent as 'Authorization: Bearer <token>'.",
    )
    gov_push_timeout = fields.Integer(string="Timeout (seconds)", default=10)
