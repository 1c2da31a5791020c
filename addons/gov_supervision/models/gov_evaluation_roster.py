from odoo import fields, models


class GovEvaluation(models.Model):
    _inherit = "gov.evaluation"

    dimension_ids = fields.One2many(
        "gov.evaluation.dimension",
        "evaluation_id",
        string="Dimensions",
        readonly=True,
        help="Public-roster ratings: the level of each dimension; the rating's level "
        "is the lowest of them.",
    )
