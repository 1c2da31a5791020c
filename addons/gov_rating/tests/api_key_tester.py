from odoo import fields, models


class GovApiKeyTester(models.Model):
    _name = "gov.api.key.tester"
    _inherit = ["gov.api.key.mixin"]
    _description = "API Key Tester"

    name = fields.Char()
    active = fields.Boolean(default=True)
