from odoo import fields, models


class GovEvaluationReviewWizard(models.TransientModel):
    """A supervisor's decision on suspect or invalid ratings, or on all the members
    of a suspect cluster at once, with the reason."""

    _name = "gov.evaluation.review.wizard"
    _description = "Review Ratings"

    evaluation_ids = fields.Many2many("gov.evaluation", string="Ratings", required=True)
    cluster_id = fields.Many2one("gov.fraud.cluster", readonly=True)
    decision = fields.Selection(
        [("invalid", "Invalid: leave the statistics"), ("valid", "Valid: count it")],
        required=True,
        default="invalid",
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        evaluations = self.evaluation_ids
        if self.cluster_id:
            evaluations |= self.cluster_id.evaluation_ids
        evaluations._set_validity(self.decision, self.reason)
        self.cluster_id._record_decision(self.decision, self.reason)
        return {"type": "ir.actions.act_window_close"}
