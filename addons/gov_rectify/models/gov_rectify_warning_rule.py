from odoo import fields, models

WARNING_LEVELS = [("3", "Level III"), ("2", "Level II"), ("1", "Level I")]
WARNING_ACTIONS = [
    ("caution", "Efficiency caution (告诫)"),
    ("talk", "Efficiency talk (谈话)"),
    ("admonish", "Admonishment talk (诫勉谈话)"),
    ("summons", "Summons (约谈)"),
]


class GovRectifyWarningRule(models.Model):
    """A threshold of dissatisfied votes that raises an efficiency warning."""

    _name = "gov.rectify.warning.rule"
    _description = "Efficiency Warning Threshold"
    _order = "period, threshold"

    name = fields.Char(required=True, translate=True)
    subject = fields.Selection(
        [
            ("employee", "Staff members"),
            ("department", "Units"),
            ("both", "Staff members and units"),
        ],
        string="Applies To",
        required=True,
        default="both",
    )
    period = fields.Selection(
        [("month", "Calendar month"), ("year", "Calendar year")],
        required=True,
        default="month",
    )
    level = fields.Selection(WARNING_LEVELS, required=True, default="3")
    threshold = fields.Integer(
        required=True, help="Dissatisfied votes in the period that raise the warning."
    )
    action = fields.Selection(WARNING_ACTIONS, required=True, default="caution")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("threshold_positive", "CHECK(threshold > 0)", "A threshold is at least 1."),
    ]
