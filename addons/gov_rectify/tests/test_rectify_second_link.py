from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestSecondEvaluationByLink(RectifyCase):
    def test_the_case_link_offers_the_second_evaluation_once_replied(self):
        case = self._case()
        link = case.sudo().link_ids
        self.assertEqual(len(link), 1)
        first, created = link._submit(
            {"level": "1", "comment": "材料被退回三次"}, "10.0.0.5"
        )
        self.assertTrue(created)
        order = self._order_of(first)
        self.assertTrue(order, "the bad review opened a work order")
        self.assertEqual(link._page_mode(), "used")
        # Before the reply, a second submission creates nothing.
        again, created = link._submit({"level": "5", "round": "2"}, "10.0.0.5")
        self.assertEqual((again, created), (first, False))
        self._run_to(order, "visit")
        self.assertTrue(order.date_replied)
        self.assertEqual(link._page_mode(), "second")
        second, created = link._submit({"level": "4", "round": "2"}, "10.0.0.5")
        self.assertTrue(created)
        self.assertEqual(second.assess_number, "2")
        self.assertEqual(second.first_evaluation_id, first)
        self.assertEqual(link.second_evaluation_id, second)
        self.assertEqual(link._page_mode(), "used")
        # A scanner re-posting the form changes nothing.
        again, created = link._submit({"level": "1", "round": "2"}, "10.0.0.5")
        self.assertEqual((again, created), (second, False))
        self.assertEqual(len(case.evaluation_ids), 2)
