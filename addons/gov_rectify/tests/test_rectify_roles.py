from odoo import Command
from odoo.tests import Form, tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyRoles(RectifyCase):
    """Each role of the work orders lands on its own list; each step of a
    bad-review order reaches who can work it."""

    def test_a_new_order_reaches_the_supervisor_then_the_handler(self):
        tags = self.env["gov.tag.set"]._active_for("counter").tag_ids
        tag = tags.filtered(lambda t: "1" in t.level_ids.mapped("value"))[:1]
        evaluation, order = self._bad_order(tag_ids=[Command.set(tag.ids)])
        self.assertIn(self.supervisor.partner_id, order.message_partner_ids)
        self.assertEqual(order.activity_ids.user_id, self.supervisor)
        # The handler sees the rating on the order, but no button to verify it.
        form = Form(order.with_user(self.handler))
        self.assertEqual(form.evaluation_level, "1")
        self.assertEqual(form.evaluation_comment, "等了一个多小时")
        self.assertEqual(form.evaluation_tag_ids[:], evaluation.tag_ids)
        self.assertEqual(evaluation.tag_ids, tag)
        self.assertFalse(form.can_move_on)
        self.assertTrue(Form(order.with_user(self.supervisor)).can_move_on)
        # Transferred to the department, the to-do is the handler's, who may act.
        self._run_to(order, "contact")
        self.assertEqual(order.activity_ids.user_id, self.handler)
        self.assertTrue(Form(order.with_user(self.handler)).can_move_on)

    def test_buttons_show_to_whom_may_press_them(self):
        _evaluation, order = self._bad_order()
        arch = order.with_user(self.reviewer).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        for button in ("action_appeal", "action_return", "action_new_visit"):
            self.assertNotIn(f'name="{button}"', arch)
        arch = order.with_user(self.handler).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        for button in ("action_appeal", "action_return", "action_new_visit"):
            self.assertIn(f'name="{button}"', arch)

    def test_handler_and_reviewer_land_on_their_orders(self):
        handler = self.env.ref("gov_rating.user_handler")
        reviewer = self.env.ref("gov_rectify.user_reviewer")
        self.assertEqual(
            handler.action_id.id,
            self.env.ref("gov_rectify.gov_rectify_order_action").id,
        )
        self.assertEqual(
            reviewer.action_id.id,
            self.env.ref("gov_rectify.gov_rectify_order_action_appeal").id,
        )
