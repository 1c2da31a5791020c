from collections import defaultdict

from odoo import api, models

from .. import tools as gov_tools
from .gov_evaluation import STATISTICS_FIELDS
from .gov_level import BAD_LEVELS, GOOD_LEVELS


class GovEvaluation(models.Model):
    """Figures of the rated objects: the ratings that count and their grouped sums."""

    _inherit = "gov.evaluation"

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
    def _gov_object_figures(self, field, ids, hierarchical=False, domain=None):
        """Count, good/bad rates, index and ranking score of the objects ``ids`` that
        ``field`` points to, from one grouped query (no loop over ratings)."""
        initial, weight = self._gov_index_params()
        base = self._gov_statistics_domain() + list(domain or [])
        sums = defaultdict(lambda: [0, 0.0, 0, 0])
        if ids:
            groups = self.sudo()._read_group(
                base + [gov_tools.object_filter(field, ids, hierarchical)],
                [field, "level"],
                ["__count", "points:sum"],
            )
            wanted = set(ids)
            for record, level, count, total in groups:
                targets = gov_tools.rollup_targets(record, hierarchical)
                for target in wanted.intersection(targets):
                    acc = sums[target]
                    acc[0] += count
                    acc[1] += total
                    acc[2] += count if level in GOOD_LEVELS else 0
                    acc[3] += count if level in BAD_LEVELS else 0
        # The ranking moves toward the mean of the ratings of this kind of object
        # in the same ratings (the period's own, when a period is given), live and
        # when published alike.
        mean = initial
        if ids:
            [(count, total)] = self.sudo()._read_group(
                base + [(field, "!=", False)], [], ["__count", "points:sum"]
            )
            mean = total / count if count else initial
        figures = {}
        for object_id in ids:
            count, total, good, bad = sums[object_id]
            figures[object_id] = {
                "count": count,
                "points": total,
                "good": good,
                "bad": bad,
                "good_rate": 100.0 * good / count if count else 0.0,
                "bad_rate": 100.0 * bad / count if count else 0.0,
                "index": (weight * initial + total) / (weight + count),
                "rank_score": (weight * mean + total) / (weight + count),
            }
        return figures
