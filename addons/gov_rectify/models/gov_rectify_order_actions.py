from odoo import models
from odoo.exceptions import UserError

from odoo.addons.gov_rating import guard

from .gov_rectify_order import (
    RETURN_STEP,
    SYSTEM,
    TRANSITION,
)
from .gov_rectify_step_mixin import SKIP


class GovRectifyOrder(models.Model):
    """What the users of a work order do with the buttons of its form: steps,
    appeal, return, visits, accountability."""

    _inherit = "gov.rectify.order"

    # --------------------------------------------------------------- actions
    def _move_to(self, step):
        stage = self._stage_for(step)
        if not stage:
            raise UserError(
                self.env._("No stage is configured for the step %(step)s.", step=step)
            )
        return self.write({"stage_id": stage.id})

    def action_next_step(self):
        for order in self:
            nxt = order._following_stages()[:1]
            if not nxt:
                raise UserError(self.env._("This work order is at its last step."))
            order.write({"stage_id": nxt.id})
        return True

    def action_skip_step(self):
        """Skip an optional step: the current one, from inside it, or else the
        next one."""
        for order in self:
            following = order._following_stages()
            if order.stage_id.optional and following:
                skipped, target = order.stage_id, following[0]
            elif following[:1].optional and len(following) > 1:
                skipped, target = following[0], following[1]
            else:
                raise UserError(
                    self.env._(
                        "This step is not optional, and neither is the next one."
                    )
                )
            with guard.allowed(SKIP):
                order.write({"stage_id": target.id})
            order.message_post(
                body=self.env._(
                    "The optional step %(step)s was skipped by %(user)s.",
                    step=skipped.name,
                    user=self.env.user.name,
                )
            )
        return True

    def action_close_no_contact(self):
        """End the follow-up of an anonymous bad review without a visit: nobody
        can call the citizen back."""
        for order in self:
            if not order._no_contact_possible():
                raise UserError(
                    self.env._(
                        "Only the follow-up of an anonymous bad review, whose citizen "
                        "left no number, ends without a visit."
                    )
                )
        with guard.allowed(SYSTEM):
            self.write({"no_contact": True})
        for order in self:
            order.message_post(
                body=self.env._(
                    "Follow-up closed by %(user)s: the citizen rated anonymously "
                    "and cannot be contacted.",
                    user=self.env.user.name,
                )
            )
        return self.action_next_step()

    def action_appeal(self):
        """The department disputes the bad review: an outside reviewer decides."""
        for order in self:
            if order.step != "verify":
                raise UserError(
                    self.env._("An appeal is filed during the verification.")
                )
            if not order.evaluation_id:
                raise UserError(
                    self.env._("Only an order opened by a rating can be appealed.")
                )
            if not (order.appeal_reason or "").strip():
                raise UserError(self.env._("Give the grounds of the appeal."))
            if order.appeal_state != "none":
                raise UserError(self.env._("This order has been appealed already."))
        with guard.allowed(SYSTEM):
            self.write({"appeal_state": "pending", "appeal_user_id": self.env.uid})
        with guard.allowed(TRANSITION):
            self._move_to("appeal")
        return True

    def action_appeal_decide(self):
        """The reviewer's decision on the appeal, with its reasons."""
        self.ensure_one()
        self.env["gov.rectify.appeal.wizard"]._check_reviewer(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide the Appeal"),
            "res_model": "gov.rectify.appeal.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_return(self):
        """The department sends the order back to verification: not its business."""
        for order in self:
            if order.source == "hotline":
                raise UserError(
                    self.env._(
                        "A work order dispatched by the 12345 hotline cannot be sent "
                        "back by the department."
                    )
                )
            if order.step not in ("transfer", "contact"):
                raise UserError(
                    self.env._(
                        "An order is sent back before the citizen has been contacted."
                    )
                )
            order.message_post(
                body=self.env._(
                    "Sent back to verification by %(user)s.", user=self.env.user.name
                )
            )
        with guard.allowed(TRANSITION):
            self._move_to(RETURN_STEP)
        return True

    def _close_invalidated(self):
        """The rating was judged invalid outside an appeal (e.g. as fraud): there is
        nothing to rectify, the order closes and leaves the figures."""
        for order in self:
            order.message_post(
                body=self.env._(
                    "The rating was judged invalid: %(reason)s",
                    reason=order.evaluation_id.review_reason,
                )
            )
        with guard.allowed(SYSTEM, TRANSITION):
            self.write({"result": "invalidated"})
            self._move_to("closed")

    def action_new_visit(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rectify.gov_rectify_visit_action"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_order_id": self.id,
                    "default_kind": "follow_up",
                },
            }
        )
        return action

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rectify.gov_rectify_visit_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    def action_hold_accountable(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hold Accountable"),
            "res_model": "gov.rectify.accountability",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_order_id": self.id,
                "default_department_id": self.department_id.id,
                "default_employee_id": self.employee_id.id,
            },
        }
