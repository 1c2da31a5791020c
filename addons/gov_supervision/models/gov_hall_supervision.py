from odoo import models


class GovHall(models.Model):
    _name = "gov.hall"
    _inherit = ["gov.hall", "gov.supervision.mixin"]
