from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_rating import guard

from ..models.gov_rectify_order import SYSTEM, TRANSITION

DECISIONS = [
    ("upheld", "Upheld: the rating is invalid and leaves the statistics"),
    ("rejected", "Rejected: the rating stands, the order goes on"),
]


class GovRectifyAppealWizard(models.TransientModel):
    """The decision of an independent reviewer on a department's appeal against a
    bad review, with its reasons."""

    _name = "gov.rectify.appeal.wizard"
    _description = "Decide an Appeal"

    order_id = fields.Many2one(
        "gov.rectify.order", string="Work Order", required=True, readonly=True
    )
    appeal_reason = fields.Text(
        related="order_id.appeal_reason", string="Grounds of the Appeal"
    )
    decision = fields.Selection(DECISIONS, required=True)
    reason = fields.Text(string="Reasons of the Decision", required=True)

    @api.model
    def _check_reviewer(self, orders):
        """Only a reviewer outside the department that appealed decides."""
        user = self.env.user
        if not (
            user.has_group("gov_rectify.group_gov_rectify_reviewer")
            or user.has_group("gov_rating.group_gov_supervisor")
        ):
            raise AccessError(self.env._("Only an appeal reviewer decides appeals."))
        own = self.env["hr.department"].search(
            [("id", "child_of", user.employee_ids.department_id.ids)]
        )
        for order in orders:
            if order.step != "appeal" or order.appeal_state != "pending":
                raise UserError(self.env._("This order has no pending appeal."))
            if order.department_id in own or order.appeal_user_id == user:
                raise UserError(
                    self.env._(
                        "An appeal is decided by a reviewer outside the department "
                        "that filed it."
                    )
                )

    def action_apply(self):
        """Upheld: the rating turns invalid and the order closes. Rejected: the
        rating stands and the order goes on to the responsible department."""
        self.ensure_one()
        order = self.order_id
        self._check_reviewer(order)
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reasons of the decision."))
        vals = {
            "appeal_state": self.decision,
            "appeal_reviewer_id": self.env.uid,
            "appeal_decision": self.reason,
        }
        if self.decision == "upheld":
            order.evaluation_id.sudo()._set_validity(
                "invalid",
                self.env._(
                    "Appeal upheld on work order %(order)s: %(reason)s",
                    order=order.name,
                    reason=self.reason,
                ),
            )
            vals["result"] = "appeal_upheld"
        with guard.allowed(SYSTEM):
            order.write(vals)
        with guard.allowed(TRANSITION):
            if self.decision == "upheld":
                order._move_to("closed")
            else:
                path = order._main_path()
                verify = order._stage_for("verify")
                order.write({"stage_id": path[path.ids.index(verify.id) + 1 :][:1].id})
        return {"type": "ir.actions.act_window_close"}
