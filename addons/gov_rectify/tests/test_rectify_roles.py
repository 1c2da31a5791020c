from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyRoles(RectifyCase):
    """Each role of the work orders lands on its own list."""

    def test_handler_and_reviewer_land_on_their_orders(self):
        handler = self.env.ref("gov_rating.user_handler")
        reviewer = self.env.ref("gov_rectify.user_reviewer")
        self.assertEqual(
            handler.action_id, self.env.ref("gov_rectify.gov_rectify_order_action")
        )
        self.assertEqual(
            reviewer.action_id,
            self.env.ref("gov_rectify.gov_rectify_order_action_appeal"),
        )
