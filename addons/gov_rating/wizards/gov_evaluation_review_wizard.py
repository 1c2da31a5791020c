from odoo import fields, models


class GovEvaluationReviewWizard(models.TransientModel):
    """A supervisor's decision on suspect or invalid ratings, with the reason."""

    _name = "gov.evaluation.review.wizard"
    _description = "Review Ratings"

    evaluation_ids = fields.Many2many("gov.evaluation", string="Ratings", required=True)
    decision = fields.Selection(
        [("invalid", "Invalid: leave the statistics"), ("valid", "Valid: count it")],
        required=True,
        default="invalid",
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        self.evaluation_ids._set_validity(self.decision, self.reason)
        return {"type": "ir.actions.act_window_close"}
