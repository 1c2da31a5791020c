from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from .gov_publish_period import KIND_LABELS


class GovPublishLine(models.Model):
    """One ranked object of a period, frozen as generated (name included)."""

    _name = "gov.publish.line"
    _description = "Published Ranking Line"
    _order = "period_id, kind, rank"

    period_id = fields.Many2one(
        "gov.publish.period", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(related="period_id.state")
    kind = fields.Selection(KIND_LABELS, required=True, index=True)
    res_id = fields.Integer(string="Object ID", required=True)
    name = fields.Char(required=True)
    rank = fields.Integer(required=True)
    rating_count = fields.Integer(string="Ratings", aggregator="sum")
    good_count = fields.Integer(string="Good Reviews", aggregator="sum")
    bad_count = fields.Integer(string="Bad Reviews", aggregator="sum")
    good_rate = fields.Float(
        string="Good-review Rate (%)", digits=(5, 2), aggregator="avg"
    )
    bad_rate = fields.Float(
        string="Bad-review Rate (%)", digits=(5, 2), aggregator="avg"
    )
    index = fields.Float(string="Rating Index", digits=(6, 2), aggregator="avg")
    rank_score = fields.Float(string="Ranking Score", digits=(8, 4), aggregator="avg")
    # Rectification figures of the work orders opened in the period (regions and
    # departments only): frozen and sealed with the rest.
    order_count = fields.Integer(string="Work Orders", aggregator="sum")
    rectified_rate = fields.Float(
        string="Rectification Rate (%)", digits=(5, 2), aggregator="avg"
    )
    on_time_rate = fields.Float(
        string="On-time Rectification Rate (%)", digits=(5, 2), aggregator="avg"
    )
    visit_rate = fields.Float(
        string="Follow-up Rate (%)", digits=(5, 2), aggregator="avg"
    )
    region_id = fields.Many2one("gov.region", index=True)
    department_id = fields.Many2one("hr.department", index=True)

    def init(self):
        # A public ranking page reads one period's lines of one kind by rank.
        tools.create_index(
            self._cr,
            "gov_publish_line_period_kind_rank_idx",
            self._table,
            ["period_id", "kind", "rank"],
        )

    def _canonical(self):
        return [
            self.kind,
            self.res_id,
            self.name,
            self.rank,
            self.rating_count,
            self.good_count,
            self.bad_count,
            f"{self.good_rate:.2f}",
            f"{self.bad_rate:.2f}",
            f"{self.index:.2f}",
            f"{self.rank_score:.4f}",
        ] + (
            # Sealed when there are work orders, so that a line without any (and
            # every line published before these figures existed) keeps its digest.
            [
                self.order_count,
                f"{self.rectified_rate:.2f}",
                f"{self.on_time_rate:.2f}",
                f"{self.visit_rate:.2f}",
            ]
            if self.order_count
            else []
        )

    def _check_period_open(self, periods):
        if periods.filtered(lambda p: p.state == "published"):
            raise UserError(self.env._("A published ranking never changes."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_period_open(
            self.env["gov.publish.period"].browse(
                {vals["period_id"] for vals in vals_list}
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_period_open(self.period_id)
        return super().write(vals)

    def unlink(self):
        self._check_period_open(self.period_id)
        return super().unlink()
