from odoo import fields, models, tools

from .gov_evaluation import CHANNELS
from .gov_level import LEVEL_VALUES


class GovRatingReport(models.Model):
    """Ratings for graph and pivot views: one row a rating, rates as 0/100 averages."""

    _name = "gov.rating.report"
    _description = "Rating Statistics"
    _auto = False
    _order = "date desc"
    _depends = {
        "gov.evaluation": [
            "date",
            "level",
            "channel",
            "validity",
            "is_default",
            "assess_number",
            "employee_id",
            "window_id",
            "hall_id",
            "department_id",
            "region_id",
            "item_id",
            "points",
            "is_good",
            "is_bad",
        ],
    }

    date = fields.Datetime(readonly=True)
    level = fields.Selection(LEVEL_VALUES, readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    validity = fields.Selection(
        [("valid", "Valid"), ("suspect", "Suspect"), ("invalid", "Invalid")],
        readonly=True,
    )
    is_default = fields.Boolean(string="System Default", readonly=True)
    assess_number = fields.Selection(
        [("1", "First"), ("2", "Second")], string="Evaluation", readonly=True
    )
    employee_id = fields.Many2one("hr.employee", string="Staff", readonly=True)
    window_id = fields.Many2one("gov.window", readonly=True)
    hall_id = fields.Many2one("gov.hall", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    region_id = fields.Many2one("gov.region", readonly=True)
    item_id = fields.Many2one("gov.service.item", string="Service Item", readonly=True)
    rating_count = fields.Integer(string="Ratings", readonly=True, aggregator="sum")
    points = fields.Float(string="Average Points", readonly=True, aggregator="avg")
    good_rate = fields.Float(
        string="Good-review Rate (%)", readonly=True, aggregator="avg"
    )
    bad_rate = fields.Float(
        string="Bad-review Rate (%)", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT e.id, e.date, e.level, e.channel, e.validity, e.is_default,
                       e.assess_number, e.employee_id, e.window_id, e.hall_id,
                       e.department_id, e.region_id, e.item_id,
                       1 AS rating_count, e.points,
                       CASE WHEN e.is_good THEN 100.0 ELSE 0.0 END AS good_rate,
                       CASE WHEN e.is_bad THEN 100.0 ELSE 0.0 END AS bad_rate
                  FROM gov_evaluation e
            )
            """
        )
