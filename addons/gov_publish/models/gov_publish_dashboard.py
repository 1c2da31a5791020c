from markupsafe import Markup, escape

from odoo import api, fields, models

from odoo.addons.gov_rating.models.gov_level import BAD_LEVELS, GOOD_LEVELS

CHART_WIDTH = 640
CHART_HEIGHT = 180
# Objects in each best and worst list.
BLOCK_SIZE = 5
# Figures the monthly report compares with the previous period.
COMPARED = (
    "rating_count",
    "good_rate",
    "bad_rate",
    "active_rate",
    "order_count",
    "rectified_rate",
    "on_time_rate",
    "visit_rate",
    "satisfaction_rate",
)


class GovPublishDashboard(models.TransientModel):
    """Figures of a period for supervisors and leaders, and the leader's monthly
    report printed from them. Nothing is stored: every figure is computed."""

    _name = "gov.publish.dashboard"
    _description = "Rating Dashboard"

    date_from = fields.Date(
        required=True,
        default=lambda self: self.env.company._gov_today().replace(day=1),
    )
    date_to = fields.Date(
        required=True, default=lambda self: self.env.company._gov_today()
    )
    region_id = fields.Many2one("gov.region")
    department_id = fields.Many2one("hr.department")
    rating_count = fields.Integer(string="Ratings", compute="_compute_figures")
    good_rate = fields.Float(
        string="Good-review Rate (%)", compute="_compute_figures", digits=(5, 2)
    )
    bad_rate = fields.Float(
        string="Bad-review Rate (%)", compute="_compute_figures", digits=(5, 2)
    )
    done_case_count = fields.Integer(
        string="Completed Cases", compute="_compute_figures"
    )
    rated_case_count = fields.Integer(string="Rated Cases", compute="_compute_figures")
    active_rate = fields.Float(
        string="Active Rating Rate (%)",
        compute="_compute_figures",
        digits=(5, 2),
        help="Rated cases / completed cases.",
    )
    order_count = fields.Integer(string="Work Orders", compute="_compute_figures")
    rectified_rate = fields.Float(
        string="Rectification Rate (%)", compute="_compute_figures", digits=(5, 2)
    )
    on_time_rate = fields.Float(
        string="On-time Rectification Rate (%)",
        compute="_compute_figures",
        digits=(5, 2),
    )
    visit_rate = fields.Float(
        string="Follow-up Rate (%)", compute="_compute_figures", digits=(5, 2)
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        compute="_compute_figures",
        digits=(5, 2),
        help="Closed work orders whose citizen was satisfied at the follow-up "
        "visit / closed work orders with a satisfaction answer.",
    )
    setup_progress = fields.Integer(
        string="Setup Progress (%)",
        compute="_compute_setup_progress",
        help="How far the setup checklist of the centre is (managers only).",
    )
    summary_html = fields.Html(
        string="Summary", compute="_compute_figures", sanitize=False
    )

    def _filter_domain(
        self, region_field="region_id", department_field="department_id"
    ):
        domain = []
        if self.region_id:
            domain.append((region_field, "child_of", self.region_id.id))
        if self.department_id:
            domain.append((department_field, "child_of", self.department_id.id))
        return domain

    def _date_domain(self, field="date"):
        """Records dated in the period, cut at midnight in the centre's zone."""
        return self.env.company._gov_range_domain(self.date_from, self.date_to, field)

    def _rating_domain(self):
        return (
            self.env["gov.evaluation"]._gov_statistics_domain()
            + self._date_domain()
            + self._filter_domain()
        )

    def _case_domain(self):
        return self._date_domain("date_done") + (self._filter_domain())

    def _order_domain(self):
        """Work orders opened in the period (gov.rectify.report fields)."""
        return self._date_domain("date_open") + (self._filter_domain())

    @api.depends("date_from", "date_to", "region_id", "department_id")
    def _compute_figures(self):
        for board in self:
            values = board._gov_figures()
            # The figures only: the dates and filters are the board's own.
            board.update(
                {
                    key: values[key]
                    for key in values
                    if key in board._fields
                    and board._fields[key].compute == "_compute_figures"
                }
            )
            board.summary_html = self.env["ir.qweb"]._render(
                "gov_publish.dashboard_summary", {"figures": values}
            )

    def _compute_display_name(self):
        for board in self:
            board.display_name = self.env._("Dashboard")

    @api.depends_context("uid")
    def _compute_setup_progress(self):
        progress = 100
        if self.env.user.has_group("gov_rating.group_gov_manager"):
            progress = self.env["gov.setup.checklist"].new({}).progress
        for board in self:
            board.setup_progress = progress

    @api.model
    def action_open(self):
        """The dashboard as its menu opens it: a record of its own with this
        month's figures, not an unsaved new one."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_publish.gov_publish_dashboard_action"
        )
        action["res_id"] = self.create({}).id
        return action

    def _gov_headline(self):
        """The headline figures of the board's dates and filters, from grouped
        queries over the ratings, cases and work orders the user may see."""
        self.ensure_one()
        # The active-rating figures come from a SQL view over cases and ratings.
        self.env.flush_all()
        by_level = dict(
            self.env["gov.evaluation"]._read_group(
                self._rating_domain(), ["level"], ["__count"]
            )
        )
        count = sum(by_level.values())
        good = sum(by_level.get(level, 0) for level in GOOD_LEVELS)
        bad = sum(by_level.get(level, 0) for level in BAD_LEVELS)
        [(done, rated)] = self.env["gov.case.activity.report"]._read_group(
            self._case_domain(), [], ["case_count:sum", "rated_count:sum"]
        )
        done, rated = done or 0, rated or 0
        return {
            **self.env["gov.rectify.report"]._kpis(self._order_domain()),
            "by_level": by_level,
            "rating_count": count,
            "good_rate": 100.0 * good / count if count else 0.0,
            "bad_rate": 100.0 * bad / count if count else 0.0,
            "done_case_count": done,
            "rated_case_count": rated,
            "active_rate": 100.0 * rated / done if done else 0.0,
        }

    def _previous_board(self):
        """The same filters over the previous month (the previous whole month
        when the board shows a whole month)."""
        self.ensure_one()
        date_from = fields.Date.subtract(self.date_from, months=1)
        date_to = fields.Date.subtract(self.date_to, months=1)
        if self.date_from.day == 1 and self.date_to == fields.Date.end_of(
            self.date_from, "month"
        ):
            date_to = fields.Date.end_of(date_from, "month")
        return self.new(
            {
                "date_from": date_from,
                "date_to": date_to,
                "region_id": self.region_id.id,
                "department_id": self.department_id.id,
            }
        )

    def _gov_figures(self):
        """Every figure of the dashboard and of the monthly report."""
        self.ensure_one()
        values = self._gov_headline()
        by_level = values.pop("by_level")
        previous = self._previous_board()
        before = previous._gov_headline()
        Period = self.env["gov.publish.period"]
        blocks = []
        for kind, best_label, worst_label in (
            (
                "department",
                self.env._("Best departments"),
                self.env._("Worst departments"),
            ),
            ("window", self.env._("Best windows"), self.env._("Worst windows")),
        ):
            ranked = Period._gov_rank(
                kind,
                self.date_from,
                self.date_to,
                region=self.region_id,
                department=self.department_id,
            )
            best, worst = _best_and_worst(ranked)
            blocks += [(best_label, _rated(best)), (worst_label, _rated(worst))]
        return {
            **values,
            "centre": self.env.company.name,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "previous_from": previous.date_from,
            "previous_to": previous.date_to,
            "changes": [
                self._change(key, values[key], before[key]) for key in COMPARED
            ],
            "levels": [
                (label, by_level.get(value, 0))
                for value, label in self.env["gov.evaluation"]
                ._fields["level"]
                ._description_selection(self.env)
            ],
            "blocks": blocks,
            "chart": self._trend_svg(),
        }

    def _change(self, key, value, previous):
        """A figure of the monthly report beside the previous period's, as text:
        rates with two decimals and their change in percentage points."""
        field = self._fields[key]
        if field.type == "float":
            texts = (f"{value:.2f}", f"{previous:.2f}", f"{value - previous:+.2f}")
        else:
            texts = (str(value), str(previous), f"{value - previous:+d}")
        return (field._description_string(self.env), *texts)

    def _trend_svg(self):
        """Ratings a day (bad reviews in red) as an inline SVG bar chart."""
        # Days of the centre, not of the reader's browser.
        groups = (
            self.env["gov.evaluation"]
            .with_context(tz=self.env.company.gov_tz)
            ._read_group(self._rating_domain(), ["date:day", "is_bad"], ["__count"])
        )
        days = {}
        for day, is_bad, count in groups:
            total, bad = days.get(day.date(), (0, 0))
            days[day.date()] = (total + count, bad + (count if is_bad else 0))
        span = (self.date_to - self.date_from).days + 1
        peak = max([total for total, _bad in days.values()] or [1])
        bar = CHART_WIDTH / max(span, 1)
        scale = (CHART_HEIGHT - 20) / peak
        parts = [
            # As wide as the screen up to its natural width: it fits a phone.
            f'<svg xmlns="http://www.w3.org/2000/svg" class="o_gov_trend" '
            f'width="100%" height="{CHART_HEIGHT}" '
            f'style="max-width: {CHART_WIDTH}px; height: auto;" '
            f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
            'preserveAspectRatio="xMinYMin meet">',
            f'<line x1="0" y1="{CHART_HEIGHT - 1}" x2="{CHART_WIDTH}" '
            f'y2="{CHART_HEIGHT - 1}" stroke="#999"/>',
        ]
        for offset in range(span):
            total, bad = days.get(fields.Date.add(self.date_from, days=offset), (0, 0))
            x = offset * bar
            height = total * scale
            bad_height = bad * scale
            parts.append(
                f'<rect class="gov-bar" x="{x + 1:.1f}" '
                f'y="{CHART_HEIGHT - 1 - height:.1f}" width="{max(bar - 2, 1):.1f}" '
                f'height="{height:.1f}" fill="#4a78b5"/>'
            )
            if bad:
                parts.append(
                    f'<rect x="{x + 1:.1f}" y="{CHART_HEIGHT - 1 - bad_height:.1f}" '
                    f'width="{max(bar - 2, 1):.1f}" height="{bad_height:.1f}" '
                    'fill="#c0392b"/>'
                )
        label = escape(self.env._("Peak: %(count)s a day", count=peak))
        parts.append(
            f'<text x="4" y="12" font-size="11" fill="#333">{label}</text></svg>'
        )
        return Markup("".join(parts))

    def action_print_report(self):
        return self.env.ref("gov_publish.action_report_monthly").report_action(self)

    def action_open_rating_graph(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_publish.gov_rating_report_action_dashboard"
        )
        action["domain"] = self._date_domain() + (self._filter_domain())
        return action

    def action_open_activity(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_publish.gov_case_activity_report_action"
        )
        action["domain"] = self._case_domain()
        return action


def _best_and_worst(ranking):
    """The best and the worst of a ranking, best first and worst first; an
    object is never in both lists."""
    best = ranking[: min(BLOCK_SIZE, (len(ranking) + 1) // 2)]
    return best, ranking[len(best) :][::-1][:BLOCK_SIZE]


def _rated(ranking):
    """The ranked objects as (name, figures); a window with its hall."""
    return [
        (
            f"{record.hall_id.display_name} · {record.display_name}"
            if record._name == "gov.window"
            else record.display_name,
            fig,
        )
        for record, fig in ranking
    ]
