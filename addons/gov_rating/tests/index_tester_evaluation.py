from odoo import fields, models


class GovEvaluation(models.Model):
    """Ratings of the index tester."""

    _inherit = "gov.evaluation"

    index_tester_id = fields.Many2one("gov.index.tester", readonly=True, index=True)
