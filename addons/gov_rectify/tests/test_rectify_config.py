from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyConfig(RectifyCase):
    """Managers change the steps without code."""

    mail_under_test = True

    def test_steps_renamed_optional_and_archived(self):
        contact = self.env.ref("gov_rectify.stage_contact")
        instruct = self.env.ref("gov_rectify.stage_instruct")
        contact.write({"name": "电话联系", "optional": True})
        instruct.active = False
        _evaluation, order = self._bad_order()
        self._run_to(order, "transfer")
        order.with_user(self.supervisor).write({"department_id": self.dept_a.id})
        self.assertTrue(order.next_stage_optional)
        order.with_user(self.supervisor).action_skip_step()
        self.assertEqual(order.step, "rectify", "the optional contact step is skipped")
        self.assertFalse(order.date_contacted)
        order.with_user(self.handler).write(
            {"rectify_kind": "explanation", "rectify_note": "无法律依据，已解释"}
        )
        order.with_user(self.handler).action_next_step()
        self.assertEqual(order.step, "reply", "the archived instruction step is gone")
        with self.assertRaisesRegex(UserError, "not optional"):
            order.with_user(self.handler).action_skip_step()
        self._run_to(order, "closed")
        self.assertEqual(order.result, "explained")

    def test_an_order_in_an_archived_step_gets_a_clear_error(self):
        _evaluation, order = self._bad_order()
        self._run_to(order, "contact")
        self.env.ref("gov_rectify.stage_contact").active = False
        rectify = self.env.ref("gov_rectify.stage_rectify")
        with self.assertRaisesRegex(UserError, "archived"):
            order.with_user(self.supervisor).write({"stage_id": rectify.id})

    def test_deadline_of_a_step_is_a_setting(self):
        self.env.ref("gov_rectify.stage_new").write(
            {"deadline_days": 3, "deadline_type": "natural"}
        )
        _evaluation, order = self._bad_order()
        self.assertEqual((order.date_deadline - order.date_stage).days, 3)

    def test_automation_rule_on_a_step(self):
        reply = self.env.ref("gov_rectify.stage_reply")
        model = self.env.ref("gov_rectify.model_gov_rectify_order")
        automation = self.env["base.automation"].create(
            {
                "name": "答复环节提醒",
                "model_id": model.id,
                "trigger": "on_stage_set",
                "trigger_field_ids": [
                    Command.set(
                        [
                            self.env.ref(
                                "gov_rectify.field_gov_rectify_order__stage_id"
                            ).id
                        ]
                    )
                ],
            }
        )
        automation.trg_field_ref = reply.id
        action = self.env["ir.actions.server"].create(
            {
                "name": "提醒答复",
                "model_id": model.id,
                "base_automation_id": automation.id,
                "state": "code",
                "code": "record.message_post(body='请在时限内答复群众')",
            }
        )
        automation.write({"action_server_ids": [Command.link(action.id)]})
        _evaluation, order = self._bad_order()
        self._run_to(order, "rectify")
        self.assertFalse(
            order.message_ids.filtered(lambda m: "答复群众" in (m.body or ""))
        )
        self._run_to(order, "reply")
        self.assertTrue(
            order.message_ids.filtered(lambda m: "答复群众" in (m.body or ""))
        )
