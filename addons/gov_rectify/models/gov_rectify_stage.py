from odoo import fields, models

STEPS = [
    ("new", "New"),
    ("verify", "Verification"),
    ("appeal", "Appeal"),
    ("transfer", "Transfer"),
    ("contact", "Contact"),
    ("rectify", "Rectification"),
    ("instruct", "Leader Instruction"),
    ("reply", "Reply"),
    ("visit", "Follow-up Visit"),
    ("second", "Second Evaluation"),
    ("closed", "Closed"),
]


class GovRectifyStage(models.Model):
    """A step of the work order. Managers rename, reorder, make optional and set
    deadlines; the code only relies on ``step``."""

    _name = "gov.rectify.stage"
    _description = "Work Order Step"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    step = fields.Selection(
        STEPS,
        required=True,
        help="What the step does; the checks of the work order rely on it.",
    )
    optional = fields.Boolean(help="Orders may skip this step.")
    group_id = fields.Many2one(
        "res.groups",
        string="Who Acts",
        help="Only members of this group move an order on from this step.",
    )
    deadline_days = fields.Integer(
        string="Deadline (days)", help="0: the step has no deadline."
    )
    deadline_type = fields.Selection(
        [("natural", "Natural days"), ("working", "Working days")],
        string="Counted In",
        required=True,
        default="working",
        help="Working days follow the company's working time and its public holidays.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("step_unique", "unique(step)", "Each step has one stage."),
        (
            "deadline_positive",
            "CHECK(deadline_days >= 0)",
            "A deadline is zero or more days.",
        ),
    ]
