from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_rating.models.gov_level import LEVEL_VALUES

DIMENSIONS = [
    ("attitude", "Service attitude"),
    ("efficiency", "Efficiency"),
    ("conduct", "Conduct"),
]


class GovEvaluationDimension(models.Model):
    """The level a citizen gave one dimension of a public-roster rating
    (服务态度、办事效率、工作作风). The rating itself (gov.evaluation) carries the
    lowest of them, so that one citizen's rating is one vote in figures and warnings."""

    _name = "gov.evaluation.dimension"
    _description = "Rating Dimension"
    _order = "evaluation_id desc, dimension"

    evaluation_id = fields.Many2one(
        "gov.evaluation",
        string="Rating",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    dimension = fields.Selection(DIMENSIONS, required=True, readonly=True)
    level = fields.Selection(LEVEL_VALUES, required=True, readonly=True)
    employee_id = fields.Many2one(
        related="evaluation_id.employee_id", store=True, index=True, string="Official"
    )
    department_id = fields.Many2one(
        related="evaluation_id.department_id", store=True, index=True
    )
    date = fields.Datetime(related="evaluation_id.date", store=True)
    validity = fields.Selection(related="evaluation_id.validity", store=True)
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)

    _sql_constraints = [
        (
            "dimension_unique",
            "unique(evaluation_id, dimension)",
            "A rating gives each dimension one level.",
        ),
    ]

    def write(self, vals):
        if {"evaluation_id", "dimension", "level"} & set(vals):
            raise UserError(self.env._("A rating cannot be changed by anybody."))
        return super().write(vals)

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(self.env._("A rating cannot be deleted by anybody."))
