from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ID_PERSON, GovRatingCase, give_ratings


@tagged("post_install", "-at_install")
class TestFraudSignals(GovRatingCase):
    def signals(self, rating):
        return set(rating.sudo().signal_ids.mapped("kind"))

    def test_clean_rating_has_no_signal(self):
        rating = self.rate(5, ip_address="10.0.0.1", evaluator_phone="13800000000")
        self.assertEqual(self.signals(rating), set())
        self.assertEqual(rating.validity, "valid")

    def visit_rating(self, staff):
        """A counter visit rated without a case, by the same phone."""
        return give_ratings(
            self.env,
            [{"employee_id": staff.id, "level": "1", "evaluator_phone": "13800000001"}],
        )

    def test_duplicate(self):
        first = self.visit_rating(self.staff)
        self.assertEqual(self.signals(first), set())
        again = self.visit_rating(self.staff)
        self.assertIn("duplicate", self.signals(again))
        self.assertEqual(again.validity, "suspect")
        self.assertNotIn("duplicate", self.signals(self.visit_rating(self.staff2)))

    def test_burst_from_one_ip(self):
        self.params.set_param("gov_rating.burst_count", 3)
        ratings = [self.rate(5, ip_address="10.9.9.9") for _i in range(3)]
        self.assertEqual([self.signals(r) for r in ratings[:2]], [set(), set()])
        self.assertEqual(self.signals(ratings[2]), {"burst_ip"})
        self.assertIn(
            "3 ratings from one IP address", ratings[2].sudo().signal_ids.explanation
        )
        self.assertEqual(self.signals(self.rate(5, ip_address="10.9.9.8")), set())

    def test_burst_from_one_phone_and_device(self):
        self.params.set_param("gov_rating.burst_count", 2)
        device = self.env["gov.device"].create(
            {
                "name": "评价器",
                "code": "T-DEV-1",
                "hall_id": self.hall.id,
                "response_interval": 0,
            }
        )
        self.rate(5, evaluator_phone="13800000002", device_id=device.id)
        last = self.rate(
            4, evaluator_phone="13800000002", device_id=device.id, staff=self.staff2
        )
        self.assertEqual(self.signals(last), {"burst_phone", "burst_device"})

    def test_faster_than_the_device_interval(self):
        device = self.env["gov.device"].create(
            {
                "name": "评价器",
                "code": "T-DEV-2",
                "hall_id": self.hall.id,
                "response_interval": 5,
            }
        )
        now = fields.Datetime.now()
        self.rate(5, device_id=device.id, date=now - timedelta(seconds=30))
        slow = self.rate(5, device_id=device.id, date=now - timedelta(seconds=20))
        fast = self.rate(5, device_id=device.id, date=now - timedelta(seconds=18))
        self.assertEqual(self.signals(slow), set())
        self.assertEqual(self.signals(fast), {"too_fast"})

    def test_staff_rating_their_own_case(self):
        by_phone = self.rate(5, evaluator_phone="13900000001")  # 张三's own mobile
        self.assertEqual(self.signals(by_phone), {"own_case"})
        self.assertEqual(self.signals(self.rate(5, evaluator_cert=ID_PERSON)), set())

    def test_identical_comments_across_cases(self):
        text = "服务态度非常好，效率很高"
        first = self.rate(5, comment=text)
        second = self.rate(5, comment=text)
        third = self.rate(5, comment=" 服务态度非常好，效率很高 ")
        self.assertEqual(self.signals(first), set())
        self.assertEqual(self.signals(second), set())
        self.assertEqual(self.signals(third), {"same_text"})
        self.assertEqual(self.signals(self.rate(5, comment="很好")), set())

    def test_supervisor_reviews_suspect_ratings(self):
        self.params.set_param("gov_rating.burst_count", 1)
        suspect = self.rate(5, ip_address="10.1.1.1")
        self.assertEqual(suspect.validity, "suspect")
        queue = (
            self.env["gov.evaluation"]
            .with_user(self.user_supervisor)
            .search([("validity", "=", "suspect"), ("id", "=", suspect.id)])
        )
        self.assertEqual(queue, suspect)
        wizard = (
            self.env["gov.evaluation.review.wizard"]
            .with_user(self.user_supervisor)
            .create(
                {
                    "evaluation_ids": [(6, 0, suspect.ids)],
                    "decision": "invalid",
                    "reason": "刷单",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(suspect.validity, "invalid")
        self.assertEqual(suspect.review_reason, "刷单")
        self.assertEqual(suspect.reviewer_id, self.user_supervisor)
        suspect.with_user(self.user_supervisor)._set_validity("valid", "复核: 正常评价")
        self.assertEqual(suspect.validity, "valid")
