from odoo import models


class GovWindow(models.Model):
    _name = "gov.window"
    _inherit = ["gov.window", "gov.supervision.mixin"]
