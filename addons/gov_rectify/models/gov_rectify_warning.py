import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools

from odoo.addons.gov_rating import tools as gov_tools

from .gov_rectify_warning_rule import WARNING_ACTIONS, WARNING_LEVELS

WARNING_ONCE_INDEX = "gov_rectify_warning_once_idx"
SUBJECT_FIELDS = {"employee": "employee_id", "department": "department_id"}


class GovRectifyWarning(models.Model):
    """An efficiency warning (效能预警) raised by the votes or the ranking."""

    _name = "gov.rectify.warning"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Efficiency Warning"
    _order = "period_start desc, level, id desc"

    subject = fields.Selection(
        [("employee", "Staff member"), ("department", "Unit"), ("window", "Window")],
        required=True,
        readonly=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Staff", readonly=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", readonly=True, index=True
    )
    window_id = fields.Many2one("gov.window", readonly=True, index=True)
    period = fields.Selection(
        [("month", "Month"), ("year", "Year")], required=True, readonly=True
    )
    period_start = fields.Date(required=True, readonly=True, index=True)
    rule_id = fields.Many2one("gov.rectify.warning.rule", readonly=True)
    level = fields.Selection(WARNING_LEVELS, readonly=True)
    vote_count = fields.Integer(
        string="Dissatisfied Votes",
        readonly=True,
        help="Votes counted when the warning was raised.",
    )
    reason = fields.Char(readonly=True)
    action = fields.Selection(WARNING_ACTIONS, required=True, readonly=True)
    state = fields.Selection(
        [("open", "To act on"), ("done", "Action taken")],
        required=True,
        default="open",
        tracking=True,
    )
    action_date = fields.Date(string="Action Taken On", tracking=True)
    action_note = fields.Text(string="Action Record", tracking=True)

    def init(self):
        tools.create_unique_index(
            self._cr,
            WARNING_ONCE_INDEX,
            self._table,
            [
                "subject",
                "COALESCE(employee_id, 0)",
                "COALESCE(department_id, 0)",
                "COALESCE(window_id, 0)",
                "period_start",
                "period",
                "action",
            ],
        )

    def action_done(self):
        self.write({"state": "done", "action_date": self.env.company._gov_today()})

    @api.model
    def _counted_levels(self):
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("gov_rectify.warning_only_dissatisfied") == "True":
            return ["2"]
        return ["1", "2"]

    @api.model
    def _compute_warnings(self, day=None, employee_ids=None, department_ids=None):
        """Raise the warnings the thresholds call for on ``day`` (today), for every
        staff member and unit or only those given; counts from grouped queries.
        Returns the new warnings."""
        company = self.env.company
        day = day or company._gov_today()
        Evaluation = self.env["gov.evaluation"].sudo()
        base = Evaluation._gov_statistics_domain() + [
            ("level", "in", self._counted_levels())
        ]
        restrict = {"employee_id": employee_ids, "department_id": department_ids}
        rules = (
            self.env["gov.rectify.warning.rule"].sudo().search([("active", "=", True)])
        )
        candidates = []
        for period in ("month", "year"):
            start = fields.Date.start_of(day, period)
            bounds = company._gov_range_domain(start, fields.Date.end_of(day, period))
            for subject, field in SUBJECT_FIELDS.items():
                period_rules = rules.filtered(
                    lambda r, p=period, s=subject: r.period == p
                    and r.subject in (s, "both")
                )
                if not period_rules:
                    continue
                domain = base + bounds + [(field, "!=", False)]
                if restrict[field] is not None:
                    domain.append((field, "in", list(restrict[field])))
                for record, count in Evaluation._read_group(
                    domain, [field], ["__count"]
                ):
                    for rule in period_rules.filtered(
                        lambda r, c=count: c >= r.threshold
                    ):
                        candidates.append(
                            {
                                "subject": subject,
                                field: record.id,
                                "period": period,
                                "period_start": start,
                                "rule_id": rule.id,
                                "level": rule.level,
                                "action": rule.action,
                                "vote_count": count,
                            }
                        )
        return self._create_new(candidates)

    @api.model
    def _create_new(self, candidates):
        """Create the warnings not raised yet (one per object, period and action)."""

        def key(vals):
            return (
                vals["subject"],
                vals.get("employee_id") or False,
                vals.get("department_id") or False,
                vals.get("window_id") or False,
                fields.Date.to_date(vals["period_start"]),
                vals["period"],
                vals["action"],
            )

        if not candidates:
            return self.browse()
        existing = self.sudo().search(
            [("period_start", "in", list({c["period_start"] for c in candidates}))]
        )
        seen = {
            key(
                {
                    "subject": w.subject,
                    "employee_id": w.employee_id.id,
                    "department_id": w.department_id.id,
                    "window_id": w.window_id.id,
                    "period_start": w.period_start,
                    "period": w.period,
                    "action": w.action,
                }
            )
            for w in existing
        }
        created = self.sudo().browse()
        for vals in candidates:
            if key(vals) not in seen:
                seen.add(key(vals))
                created |= self._create_once(vals)
        return created

    @api.model
    def _create_once(self, vals):
        """Create one warning, or nothing when a concurrent transaction has just
        raised the same one (the unique index decides; nothing else is caught)."""
        try:
            with gov_tools.sql_error_expected(), self.env.cr.savepoint():
                return self.sudo().create(vals)
        except psycopg2.errors.UniqueViolation as error:
            if not gov_tools.violates(error, WARNING_ONCE_INDEX):
                raise
            return self.sudo().browse()

    @api.model
    def _compute_ranking_summons(self, day=None):
        """Optional rule: the window last in the monthly ranking two months running
        is summoned. Returns the new warnings."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("gov_rectify.ranking_summons") != "True":
            return self.browse()
        day = day or self.env.company._gov_today()
        this_month = day.replace(day=1)
        months = [this_month - relativedelta(months=n) for n in (1, 2)]
        lasts = [self._last_window(month) for month in months]
        if not lasts[0] or lasts[0] != lasts[1]:
            return self.browse()
        return self._create_new(
            [
                {
                    "subject": "window",
                    "window_id": lasts[0].id,
                    "department_id": lasts[0].department_id.id,
                    "period": "month",
                    "period_start": months[0],
                    "action": "summons",
                    "reason": self.env._(
                        "Last in the monthly ranking two months running"
                    ),
                }
            ]
        )

    @api.model
    def _last_window(self, month_start):
        """The window ranked last over the month (among those rated in it)."""
        windows = self.env["gov.window"].sudo().search([("active", "=", True)])
        figures = self.env["gov.evaluation"]._gov_object_figures(
            "window_id",
            windows.ids,
            domain=self.env.company._gov_range_domain(
                month_start, fields.Date.end_of(month_start, "month")
            ),
            rank=True,
        )
        rated = [w for w in windows if figures[w.id]["count"]]
        if not rated:
            return windows.browse()
        return min(
            rated,
            key=lambda w: (figures[w.id]["rank_score"], figures[w.id]["count"], -w.id),
        )

    @api.model
    def _cron_warnings(self):
        self._compute_warnings()
        self._compute_ranking_summons()

    @api.depends("subject", "employee_id", "department_id", "window_id", "level")
    def _compute_display_name(self):
        for warning in self:
            target = warning.employee_id or warning.window_id or warning.department_id
            warning.display_name = f"{target.display_name} · {warning.period_start}"
