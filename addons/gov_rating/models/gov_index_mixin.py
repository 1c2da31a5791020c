from odoo import api, fields, models


class GovIndexMixin(models.AbstractModel):
    """A rated object: its 好差评 index and figures, computed in the database.

    ``_gov_evaluation_field`` names the field of ``gov.evaluation`` that points to the
    object; ``_gov_hierarchical`` rolls the ratings of descendants up (``parent_path``).
    """

    _name = "gov.index.mixin"
    _description = "Rated Object"
    _gov_evaluation_field = None
    _gov_case_field = None
    _gov_hierarchical = False

    gov_rating_count = fields.Integer(string="Ratings", compute="_compute_gov_index")
    gov_good_rate = fields.Float(
        string="Good-review Rate (%)", compute="_compute_gov_index", digits=(5, 2)
    )
    gov_bad_rate = fields.Float(
        string="Bad-review Rate (%)", compute="_compute_gov_index", digits=(5, 2)
    )
    gov_index = fields.Float(
        string="Rating Index",
        compute="_compute_gov_index",
        digits=(6, 2),
        help="Starts at the initial score and moves toward the mean points of the "
        "valid ratings as they come in: (k × initial score + Σ points) / (k + n).",
    )
    gov_active_rate = fields.Float(
        string="Active Rating Rate (%)",
        compute="_compute_gov_active_rate",
        digits=(5, 2),
        help="Completed cases rated by a person / completed cases.",
    )
    gov_rank_score = fields.Float(
        string="Ranking Score",
        compute="_compute_gov_rank_score",
        digits=(6, 2),
        help="The score rankings use: (k × mean + Σ points) / (k + n), so that a "
        "few ratings do not outrank many; the mean is that of the valid ratings of "
        "all objects of this kind in the ranked period (here: all periods).",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rated(self):
        self.env["gov.evaluation"]._gov_check_unrated(self, self._gov_evaluation_field)

    def _compute_gov_index(self):
        figures = self.env["gov.evaluation"]._gov_object_figures(
            self._gov_evaluation_field, self.ids, self._gov_hierarchical
        )
        for record in self:
            fig = figures[record.id]
            record.gov_rating_count = fig["count"]
            record.gov_good_rate = fig["good_rate"]
            record.gov_bad_rate = fig["bad_rate"]
            record.gov_index = fig["index"]

    def _compute_gov_rank_score(self):
        figures = self.env["gov.evaluation"]._gov_object_figures(
            self._gov_evaluation_field, self.ids, self._gov_hierarchical, rank=True
        )
        for record in self:
            record.gov_rank_score = figures[record.id]["rank_score"]

    def _compute_gov_active_rate(self):
        rates = self.env["gov.case"]._gov_active_rates(
            self._gov_case_field, self.ids, self._gov_hierarchical
        )
        for record in self:
            record.gov_active_rate = rates[record.id]["active_rate"]

    @api.model
    def _gov_ranking(self, domain=None, limit=None, rating_domain=None):
        """Records with counted ratings (in ``rating_domain``, e.g. a period) ordered
        by ranking score, best first, with their figures. Objects nobody rated are
        not ranked."""
        records = self.search(domain or [])
        figures = self.env["gov.evaluation"]._gov_object_figures(
            self._gov_evaluation_field,
            records.ids,
            self._gov_hierarchical,
            rating_domain,
            rank=True,
        )
        ranked = sorted(
            records.filtered(lambda r: figures[r.id]["count"]),
            key=lambda r: (-figures[r.id]["rank_score"], -figures[r.id]["count"], r.id),
        )
        return [(record, figures[record.id]) for record in ranked[:limit]]

    def action_view_gov_evaluations(self):
        self.ensure_one()
        operator = "child_of" if self._gov_hierarchical else "="
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rating.gov_evaluation_action"
        )
        action["domain"] = [(self._gov_evaluation_field, operator, self.id)]
        action["context"] = {}
        return action
