from odoo import fields, models


class GovQrTester(models.Model):
    _name = "gov.qr.tester"
    _inherit = ["gov.qr.mixin"]
    _description = "QR Code Tester"
    _gov_qr_prefix = "T"

    name = fields.Char()
