from odoo import api, fields, models

from odoo.addons.gov_rating.models.gov_level import BAD_LEVELS

from .gov_rectify_order import SOURCES
from .gov_rectify_stage import STEPS


class GovRectifyReport(models.Model):
    """One row per work order that counts (an upheld appeal or a rating judged
    invalid takes the order out with its rating, see RESULTS_NOT_COUNTED):
    整改率, 按期整改率 and 回访率 as averages of 0/100 columns, so that pivots and
    graphs show true rates at every grouping; 满意率 as the average of a column
    that is empty for the orders without an answer (a closed order's answer is the
    satisfaction given at its last completed follow-up visit; any level but the
    two bad ones is satisfied)."""

    _name = "gov.rectify.report"
    _description = "Work Order Statistics"
    _auto = False
    _order = "date_open desc"

    order_id = fields.Many2one("gov.rectify.order", string="Work Order", readonly=True)
    date_open = fields.Datetime(string="Opened On", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Staff", readonly=True)
    item_id = fields.Many2one("gov.service.item", string="Service Item", readonly=True)
    region_id = fields.Many2one("gov.region", readonly=True)
    stage_id = fields.Many2one("gov.rectify.stage", string="Step", readonly=True)
    step = fields.Selection(STEPS, string="Step Type", readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    is_overdue = fields.Boolean(string="Overdue", readonly=True)
    rectified = fields.Integer(readonly=True, aggregator="sum")
    on_time = fields.Integer(
        string="Rectified on Time", readonly=True, aggregator="sum"
    )
    visited = fields.Integer(string="Followed Up", readonly=True, aggregator="sum")
    rectified_rate = fields.Float(
        string="Rectification Rate (%)", readonly=True, aggregator="avg"
    )
    on_time_rate = fields.Float(
        string="On-time Rectification Rate (%)", readonly=True, aggregator="avg"
    )
    visit_rate = fields.Float(
        string="Follow-up Rate (%)", readonly=True, aggregator="avg"
    )
    satisfaction_answered = fields.Integer(
        string="Satisfaction Answers", readonly=True, aggregator="sum"
    )
    satisfied = fields.Integer(readonly=True, aggregator="sum")
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Closed work orders whose citizen was satisfied at the follow-up visit "
        "/ closed work orders with a satisfaction answer.",
    )

    @property
    def _table_query(self):
        bad = ", ".join(f"'{level}'" for level in BAD_LEVELS)
        return f"""
            SELECT o.id AS id,
                   o.id AS order_id,
                   o.date_open,
                   o.department_id,
                   o.employee_id,
                   o.item_id,
                   o.region_id,
                   o.stage_id,
                   o.step,
                   o.source,
                   o.company_id,
                   o.is_overdue,
                   r.rectified,
                   r.on_time,
                   r.visited,
                   100.0 * r.rectified AS rectified_rate,
                   100.0 * r.on_time AS on_time_rate,
                   100.0 * r.visited AS visit_rate,
                   (s.satisfaction IS NOT NULL)::int AS satisfaction_answered,
                   (s.satisfaction NOT IN ({bad}))::int AS satisfied,
                   CASE WHEN s.satisfaction IS NOT NULL
                        THEN 100.0 * (s.satisfaction NOT IN ({bad}))::int
                   END AS satisfaction_rate
              FROM gov_rectify_order o
             CROSS JOIN LATERAL (
                SELECT (o.date_rectified IS NOT NULL)::int AS rectified,
                       (o.date_rectified IS NOT NULL
                        AND o.rectified_on_time IS TRUE)::int AS on_time,
                       (o.date_visited IS NOT NULL OR EXISTS (
                            SELECT 1 FROM gov_rectify_visit v
                             WHERE v.order_id = o.id AND v.state = 'done'
                       ))::int AS visited
             ) r
              LEFT JOIN LATERAL (
                SELECT v.satisfaction
                  FROM gov_rectify_visit v
                 WHERE v.order_id = o.id
                   AND o.step = 'closed'
                   AND v.kind = 'follow_up'
                   AND v.state = 'done'
                   AND v.satisfaction IS NOT NULL
                 ORDER BY v.date DESC, v.id DESC
                 LIMIT 1
             ) s ON TRUE
             WHERE o.result IS NULL
                OR o.result NOT IN ('appeal_upheld', 'invalidated')
        """

    @api.model
    def _kpis(self, domain=None):
        """Figures of the work orders matching ``domain`` (on this model's fields),
        from one grouped query: rates in percent, 0.0 when there is no order."""
        self.env.flush_all()
        [(count, rectified, on_time, visited, answered, satisfied)] = self._read_group(
            list(domain or []),
            [],
            [
                "__count",
                "rectified:sum",
                "on_time:sum",
                "visited:sum",
                "satisfaction_answered:sum",
                "satisfied:sum",
            ],
        )

        def rate(part):
            return round(100.0 * (part or 0) / count, 2) if count else 0.0

        return {
            "order_count": count,
            "rectified_rate": rate(rectified),
            "on_time_rate": rate(on_time),
            "visit_rate": rate(visited),
            "satisfaction_count": answered or 0,
            "satisfaction_rate": round(100.0 * satisfied / answered, 2)
            if answered
            else 0.0,
        }
