from odoo import api, models
from odoo.tools import SQL

from .. import tools as gov_tools
from .gov_evaluation import STATISTICS_FIELDS
from .gov_level import BAD_LEVELS, GOOD_LEVELS


class GovEvaluation(models.Model):
    """Figures of the rated objects: the ratings that count and their grouped sums."""

    # One model in three files by concern (record, gateway, figures).
    _inherit = "gov.evaluation"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _gov_statistics_domain(self):
        """Ratings that count: valid first evaluations, defaults as configured."""
        domain = [("validity", "=", "valid"), ("assess_number", "=", "1")]
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("gov_rating.default_rating_excluded", "True") == "True":
            domain.append(("is_default", "=", False))
        return domain

    @api.model
    def _gov_statistics_indexes(self):
        """(name, definition) of the indexes that serve _gov_object_figures: the
        ratings that count, grouped by object and level, with the points."""
        return [
            (
                f"gov_evaluation_stat_{field}_idx",
                f"({field}, level) INCLUDE (points, is_default) "
                "WHERE validity = 'valid' AND assess_number = '1'",
            )
            for field in STATISTICS_FIELDS
        ]

    @api.model
    def _gov_index_params(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            float(params.get_param("gov_rating.initial_score", 10)),
            float(params.get_param("gov_rating.prior_weight", 5)),
        )

    @api.model
    def _gov_object_sums(
        self, field, ids, hierarchical=False, domain=None, whole=False
    ):
        """Sums of the counted ratings of the objects ``ids`` that ``field`` points
        to, from one grouped query read as plain rows (no record is built).

        Returns ``({object id: (count, points, good, bad)}, totals)``: ``totals`` is
        ``(count, points)`` of all the ratings of this kind of object when the query
        read them all anyway (many objects: ``IS NOT NULL`` instead of a long id
        list), else None. With ``hierarchical``, each object holds the ratings of
        its descendants too: the tree is rolled up in the same query through
        ``parent_path``. With ``whole``, all rows of the kind are read (and the
        totals returned) whatever the number of objects."""
        term = gov_tools.object_filter(field, ids, hierarchical, whole)
        query = self.sudo()._search(
            self._gov_statistics_domain() + list(domain or []) + [term]
        )
        column = SQL.identifier(query.table, field)
        level = SQL.identifier(query.table, "level")
        # One row per object, as a bare GROUP BY gives: the good and bad counts
        # are filtered aggregates of the same pass over the statistics index.
        query.groupby = column
        grouped = query.select(
            SQL("%s AS object_id", column),
            SQL("COUNT(*) AS n"),
            # A float, not a numeric: no Decimal is made per object.
            SQL("SUM(%s)::float8 AS points", SQL.identifier(query.table, "points")),
            SQL("COUNT(*) FILTER (WHERE %s IN %s) AS good", level, GOOD_LEVELS),
            SQL("COUNT(*) FILTER (WHERE %s IN %s) AS bad", level, BAD_LEVELS),
        )
        if hierarchical:
            comodel = self.env[self._fields[field].comodel_name]
            grouped = SQL(
                """SELECT a.id::int, SUM(g.n)::bigint, SUM(g.points),
                          SUM(g.good)::bigint, SUM(g.bad)::bigint,
                          BOOL_OR(a.depth = 1)
                     FROM (%s) g
                     JOIN %s o ON o.id = g.object_id
                    CROSS JOIN LATERAL unnest(
                          string_to_array(rtrim(o.parent_path, '/'), '/')
                          ) WITH ORDINALITY AS a(id, depth)
                    GROUP BY a.id""",
                grouped,
                SQL.identifier(comodel._table),
            )
        else:
            grouped = SQL(
                "SELECT g.object_id, g.n, g.points, g.good, g.bad, TRUE FROM (%s) g",
                grouped,
            )
        wanted = set(ids)
        sums = {}
        count_all, points_all = 0, 0.0
        for object_id, count, points, good, bad, is_root in self.env.execute_query(
            grouped
        ):
            if is_root:
                count_all += count
                points_all += points or 0.0
            if object_id in wanted:
                sums[object_id] = (count, points or 0.0, good, bad)
        totals = (count_all, points_all) if term[1] == "!=" else None
        return sums, totals

    @api.model
    def _gov_rank_mean(self, field, domain=None, totals=None):
        """The mean points of the counted ratings of all objects of one kind (in
        ``domain``, e.g. a period): what a ranking's scores move toward. From
        ``totals`` when the figures' query read them already, else one query."""
        initial, _weight = self._gov_index_params()
        if totals is None:
            query = self.sudo()._search(
                self._gov_statistics_domain()
                + list(domain or [])
                + [(field, "!=", False)]
            )
            [totals] = self.env.execute_query(
                query.select(
                    SQL("COUNT(*)"),
                    SQL("SUM(%s)", SQL.identifier(query.table, "points")),
                )
            )
        count, points = totals
        return (points or 0.0) / count if count else initial

    @api.model
    def _gov_object_figures(
        self, field, ids, hierarchical=False, domain=None, rank=False
    ):
        """Count, good/bad rates and index of the objects ``ids`` that ``field``
        points to, from one grouped query (no loop over ratings). With ``rank``,
        the ranking score too, which needs the mean of all objects of the kind."""
        initial, weight = self._gov_index_params()
        # A ranking of more than a few objects reads all rows of the kind once:
        # the mean comes with the sums, not from a second query.
        whole = rank and len(ids) > gov_tools.MANY_IN_TREE
        sums, totals = self._gov_object_sums(field, ids, hierarchical, domain, whole)
        # The ranking moves toward the mean of the ratings of this kind of object
        # in the same ratings (the period's own, when a period is given), live and
        # when published alike.
        mean = self._gov_rank_mean(field, domain, totals) if rank and ids else None
        prior, none = weight * initial, (0, 0.0, 0, 0)
        figures = {}
        for object_id in ids:
            count, total, good, bad = sums.get(object_id, none)
            figures[object_id] = fig = {
                "count": count,
                "points": total,
                "good": good,
                "bad": bad,
                "good_rate": 100.0 * good / count if count else 0.0,
                "bad_rate": 100.0 * bad / count if count else 0.0,
                "index": (prior + total) / (weight + count),
            }
            if mean is not None:
                fig["rank_score"] = (weight * mean + total) / (weight + count)
        return figures
