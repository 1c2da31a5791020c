from odoo import api, fields, models
from odoo.exceptions import AccessError

from .gov_fraud_signal import SIGNAL_KINDS


class GovFraudCluster(models.Model):
    """Ratings that are suspect together (a burst, duplicates, one pasted text, one
    phone over many cases...): the supervisor opens the cluster, sees every member
    and decides for all of them at once."""

    _name = "gov.fraud.cluster"
    _description = "Suspect Rating Cluster"
    _order = "state, date_last desc, id desc"

    name = fields.Char(string="Reference", readonly=True, default="/")
    kind = fields.Selection(SIGNAL_KINDS, required=True, readonly=True)
    key = fields.Char(readonly=True, index=True, groups="base.group_system")
    explanation = fields.Char(readonly=True)
    signal_ids = fields.One2many("gov.fraud.signal", "cluster_id", readonly=True)
    evaluation_ids = fields.Many2many(
        "gov.evaluation",
        string="Ratings",
        compute="_compute_evaluation_ids",
        search="_search_evaluation_ids",
    )
    member_count = fields.Integer(string="Number of Ratings", readonly=True)
    date_first = fields.Datetime(string="First Rating", readonly=True)
    date_last = fields.Datetime(string="Last Rating", readonly=True)
    state = fields.Selection(
        [
            ("open", "To review"),
            ("invalid", "Judged invalid"),
            ("restored", "Restored"),
        ],
        required=True,
        default="open",
        readonly=True,
        index=True,
    )
    review_reason = fields.Text(readonly=True)
    reviewer_id = fields.Many2one("res.users", readonly=True)
    review_date = fields.Datetime(readonly=True)

    @api.depends("signal_ids")
    def _compute_evaluation_ids(self):
        for cluster in self:
            cluster.evaluation_ids = cluster.signal_ids.evaluation_id

    def _search_evaluation_ids(self, operator, value):
        return [("signal_ids.evaluation_id", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        clusters = super().create(vals_list)
        for cluster in clusters:
            cluster.name = f"C{cluster.id:06d}"
        return clusters

    def action_open_review(self):
        """The review wizard for every member of the cluster at once."""
        self.ensure_one()
        if not self.env.user.has_group("gov_rating.group_gov_supervisor"):
            raise AccessError(self.env._("Only a supervisor reviews ratings."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Ratings"),
            "res_model": "gov.evaluation.review.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_cluster_id": self.id,
                "default_evaluation_ids": self.evaluation_ids.ids,
                "default_decision": "valid" if self.state == "invalid" else "invalid",
            },
        }

    def _update_members(self):
        for cluster in self.exists():
            dates = cluster.signal_ids.evaluation_id.mapped("date")
            cluster.write(
                {
                    "member_count": len(dates),
                    "date_first": min(dates, default=False),
                    "date_last": max(dates, default=False),
                }
            )

    def _record_decision(self, decision, reason):
        self.sudo().write(
            {
                "state": "invalid" if decision == "invalid" else "restored",
                "review_reason": reason,
                "reviewer_id": self.env.uid,
                "review_date": fields.Datetime.now(),
            }
        )
