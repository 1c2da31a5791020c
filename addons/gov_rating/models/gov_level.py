from odoo import api, fields, models

LEVEL_VALUES = [
    ("1", "Very dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Basically satisfied"),
    ("4", "Satisfied"),
    ("5", "Very satisfied"),
]
BAD_LEVELS = ("1", "2")
GOOD_LEVELS = ("4", "5")


class GovLevel(models.Model):
    """The five levels of the reporting interfaces (1 = very dissatisfied … 5 = very
    satisfied) with the points a manager gives each."""

    _name = "gov.level"
    _description = "Rating Level"
    _order = "value desc"
    _rec_name = "name"

    value = fields.Selection(LEVEL_VALUES, required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    points = fields.Float(required=True, digits=(4, 1))
    face = fields.Char(help="The emoji shown on the rating page.")
    is_bad = fields.Boolean(
        string="Bad Review", compute="_compute_kind", store=True, readonly=True
    )

    _sql_constraints = [
        ("value_unique", "unique(value)", "Each level is defined once."),
        (
            "points_range",
            "CHECK(points >= 0 AND points <= 100)",
            "Points are 0 to 100.",
        ),
    ]

    @api.depends("value")
    def _compute_kind(self):
        for level in self:
            level.is_bad = level.value in BAD_LEVELS

    @api.model
    def _points_by_value(self):
        return {level.value: level.points for level in self.sudo().search([])}

    @api.model
    def gbt_code(self, value):
        """GB/T 39046 table A.8 code (1 = very satisfied) of an interface level."""
        return str(6 - int(value))

    @api.model
    def from_gbt_code(self, code):
        return str(6 - int(code))
