from odoo import api, fields, models, tools
from odoo.osv import expression

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

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """Groups in the order asked (a staff member or department by name), sorted
        once grouped: the database groups the ratings by id and never sorts them
        all by a name joined from another table (pivot and graph views)."""
        terms = [term.split() for term in (order or "").split(",") if term.strip()]
        if (
            not terms
            or offset
            or limit
            or any(len(term) > 2 or term[0] not in groupby for term in terms)
        ):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        rows = super()._read_group(domain, groupby, aggregates, having)
        for spec, *direction in reversed(terms):
            column = list(groupby).index(spec)
            descending = bool(direction) and direction[0].upper() == "DESC"
            key = self._group_sort_key(spec, [row[column] for row in rows])
            # Empty values last, first when descending, as PostgreSQL sorts them.
            empty, filled = [], []
            for row in rows:
                (filled if key(row[column]) is not None else empty).append(row)
            filled.sort(
                key=lambda row, key=key, column=column: key(row[column]),
                reverse=descending,
            )
            rows = empty + filled if descending else filled + empty
        return rows

    @api.model
    def _group_sort_key(self, spec, values):
        """Sort key of the group values of ``spec``, None for an empty value: a
        record by its model's order (one query over the grouped ids only). The key
        is a plain value, taken once per group of a large pivot."""
        field = self._fields[spec.split(":")[0]]
        if field.type == "many2one":
            ids = list({value.id for value in values if value})
            ordered = (
                self.env[field.comodel_name]
                .sudo()
                .with_context(active_test=False)
                .search([("id", "in", ids)])
                .ids
            )
            position = {record_id: n for n, record_id in enumerate(ordered)}
            return lambda value: position[value._ids[0]] if value._ids else None
        if field.type == "boolean":
            return lambda value: value
        return lambda value: None if value is False else value

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        """Labels, ranges and domains of the date groups formatted once per month
        (or day, week…) rather than once per group: a pivot of departments × months
        holds thousands of groups but a dozen months."""
        result = None
        # Spec by spec, in the order asked, so that the domains read the same.
        for spec in lazy_groupby:
            field = self._fields[spec.split(":")[0].split(".")[0]]
            if field.type not in ("date", "datetime"):
                result = super()._read_group_format_result(rows_dict, [spec])
                continue
            formatted = {}
            for row in rows_dict:
                formatted.setdefault(
                    row[spec], {spec: row[spec], "__domain": expression.TRUE_DOMAIN}
                )
            super()._read_group_format_result(list(formatted.values()), [spec])
            for row in rows_dict:
                done = formatted[row[spec]]
                row[spec] = done[spec]
                if "__range" in done:
                    row.setdefault("__range", {})[spec] = done["__range"][spec]
                row["__domain"] = expression.AND([row["__domain"], done["__domain"]])
        return result
