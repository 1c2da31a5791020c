from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged

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
        ratings = [self.rate(5, ip_address="10.9.9.9") for _i in range(2)]
        self.assertEqual([self.signals(r) for r in ratings], [set(), set()])
        ratings.append(self.rate(5, ip_address="10.9.9.9"))
        # The whole burst is flagged, its first members too.
        self.assertEqual([self.signals(r) for r in ratings], [{"burst_ip"}] * 3)
        self.assertEqual({r.validity for r in ratings}, {"suspect"})
        explanation = ratings[0].sudo().signal_ids.explanation
        self.assertIn("3 ratings from one network address", explanation)
        self.assertIn(ratings[0].name, explanation)
        # Evaluating again changes nothing (idempotent).
        signals = self.env["gov.fraud.signal"].search([("kind", "=", "burst_ip")])
        ratings[0].sudo()._detect_fraud()
        self.assertEqual(
            self.env["gov.fraud.signal"].search([("kind", "=", "burst_ip")]), signals
        )
        self.assertEqual(len(signals.cluster_id), 1)
        self.assertEqual(self.signals(self.rate(5, ip_address="10.9.9.8")), set())

    def test_ipv6_counts_per_64(self):
        self.params.set_param("gov_rating.burst_count", 2)
        first = self.rate(5, ip_address="240e:1:2:3::1")
        other_64 = self.rate(5, ip_address="240e:1:2:4::1")
        self.assertEqual(self.signals(other_64), set())
        same_64 = self.rate(5, ip_address="240e:1:2:3:ffff::9")
        self.assertEqual(self.signals(same_64), {"burst_ip"})
        self.assertEqual(self.signals(first), {"burst_ip"})

    def test_hall_network_is_not_one_person(self):
        self.params.set_param("gov_rating.burst_count", 2)
        self.env["gov.shared.network"].create(
            {"network": "202.96.1.0/28", "hall_id": self.hall.id}
        )
        ratings = [self.rate(5, ip_address="202.96.1.3") for _i in range(3)]
        self.assertEqual([self.signals(r) for r in ratings], [set()] * 3)

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

    def test_staff_rating_themselves_without_a_case(self):
        """The staff member named by a visit rating gave it (their own mobile); the
        check's query leaves the database's settings as they were."""
        self.env.cr.execute("SET LOCAL jit = on")
        rating = give_ratings(
            self.env,
            [
                {
                    "employee_id": self.staff.id,
                    "level": "5",
                    "evaluator_phone": "13900000001",
                }
            ],
        )
        self.assertEqual(self.signals(rating), {"own_case"})
        self.assertEqual(self.signals(self.visit_rating(self.staff)), set())
        self.env.cr.execute("SHOW jit")
        self.assertEqual(self.env.cr.fetchone()[0], "on")

    def test_pasted_comment_concentrated_on_one_staff_member(self):
        text = "服务态度非常好，效率很高"
        first = self.rate(5, comment=text)
        second = self.rate(5, comment=text)
        self.assertEqual(self.signals(first), set())
        # Spaces, punctuation and full-width forms do not hide a paste.
        third = self.rate(5, comment=" 服务态度非常好 , 效率很高！ ")
        self.assertEqual(
            [self.signals(r) for r in (first, second, third)], [{"same_text"}] * 3
        )
        self.assertEqual(self.signals(self.rate(5, comment="很好")), set())

    def test_paste_on_two_staff_members_is_caught_on_both(self):
        text = "窗口工作人员业务熟练，耐心细致"
        ratings = [self.rate(5, comment=text) for _i in range(6)]
        # The same text, slightly varied, on another staff member: fewer than half
        # of the uses, yet the text goes to two staff members only.
        ratings += [
            self.rate(5, comment=text + "！！", staff=self.staff2) for _i in range(3)
        ]
        self.assertEqual(
            {frozenset(self.signals(r)) for r in ratings}, {frozenset({"same_text"})}
        )

    def test_manager_sets_how_few_staff_make_a_paste(self):
        with Form(self.env["res.config.settings"].with_user(self.user_manager)) as form:
            self.assertEqual(form.gov_same_text_targets, 3)
            form.gov_same_text_targets = 2
        form.record.execute()
        text = "窗口工作人员业务熟练，耐心细致"
        ratings = [self.rate(5, comment=text) for _i in range(6)]
        others = [
            self.rate(5, comment=text + "！！", staff=self.staff2) for _i in range(3)
        ]
        # Two staff members are no longer "fewer than the targets": the text is a
        # paste where it is concentrated (6 of 9 uses), not on the other one.
        self.assertEqual(
            {frozenset(self.signals(r)) for r in ratings}, {frozenset({"same_text"})}
        )
        self.assertEqual({frozenset(self.signals(r)) for r in others}, {frozenset()})

    def test_common_phrase_across_staff_is_ordinary(self):
        text = "服务态度很好，谢谢"
        ratings = [self.rate(5, comment=text) for _i in range(3)]
        self.assertEqual(self.signals(ratings[0]), {"same_text"})
        # The phrase turns out to be common: the evidence is withdrawn.
        for staff in (self.staff2, self.staff3) * 2:
            ratings.append(self.rate(5, comment=text, staff=staff))
        self.assertEqual({frozenset(self.signals(r)) for r in ratings}, {frozenset()})
        self.assertEqual({r.validity for r in ratings}, {"valid"})

    def test_case_rated_from_another_phone(self):
        case = self.make_case(applicant_phone="13700000001")
        by_applicant = self.rate(5, case=case, evaluator_phone="13700000001")
        self.assertEqual(self.signals(by_applicant), set())
        case2 = self.make_case(applicant_phone="13700000002")
        other = self.rate(5, case=case2, evaluator_phone="13600000009")
        self.assertEqual(self.signals(other), {"not_applicant"})
        self.assertEqual(other.validity, "valid")  # weak alone

    def test_phone_reused_across_cases(self):
        phone = "13600000008"
        first = self.rate(5, evaluator_phone=phone)
        self.assertEqual(self.signals(first), set())
        second = self.rate(
            5, case=self.make_case(item=self.item2), evaluator_phone=phone
        )
        # Two cases of one staff member: reuse, weak alone.
        self.assertEqual(self.signals(second), {"phone_reuse"})
        self.assertEqual(self.signals(first), {"phone_reuse"})
        self.assertEqual(second.validity, "valid")
        case = self.make_case(applicant_phone="13700000003")
        bought = self.rate(5, case=case, evaluator_phone=phone)
        self.assertLessEqual({"phone_reuse", "not_applicant"}, self.signals(bought))
        self.assertEqual(bought.validity, "suspect")
        other = self.rate(5, evaluator_phone="13600000007", staff=self.staff3)
        self.assertEqual(self.signals(other), set())

    def device(self, code):
        return self.env["gov.device"].create(
            {
                "name": "评价器",
                "code": code,
                "hall_id": self.hall.id,
                "window_id": self.window.id,
                "response_interval": 0,
            }
        )

    def test_counter_rating_seconds_after_completion(self):
        device = self.device("T-DEV-3")
        now = fields.Datetime.now()
        case = self.make_case(date_done=now - timedelta(seconds=3))
        fast = self.rate(5, case=case, channel="device", device_id=device.id)
        self.assertEqual(self.signals(fast), {"fast_after_done"})
        case = self.make_case(date_done=now - timedelta(seconds=40))
        slow = self.rate(5, case=case, channel="device", device_id=device.id)
        self.assertEqual(self.signals(slow), set())

    def test_one_device_gives_most_ratings_of_a_staff_member(self):
        self.params.set_param("gov_rating.device_share_min", 4)
        self.params.set_param("gov_rating.fast_seconds", 0)
        device = self.device("T-DEV-4")
        others = [self.rate(3, channel="pc") for _i in range(2)]
        at_device = [
            self.rate(5, channel="device", device_id=device.id) for _i in range(2)
        ]
        self.assertEqual(self.signals(at_device[0]), set())
        at_device += [
            self.rate(5, channel="device", device_id=device.id) for _i in range(2)
        ]
        # 4 of 6 ratings come from one device: all four carry the signal.
        self.assertEqual([self.signals(r) for r in at_device], [{"device_share"}] * 4)
        self.assertEqual(self.signals(others[0]), set())

    def test_onsite_ratings_far_better_than_offsite(self):
        self.params.set_param("gov_rating.onsite_min", 3)
        offsite = [self.rate(2, channel="pc") for _i in range(3)]
        onsite = [self.rate(5) for _i in range(3)]
        self.assertEqual([self.signals(r) for r in onsite], [{"onsite_gap"}] * 3)
        self.assertEqual(self.signals(offsite[0]), set())
        # Another staff member rated alike on and off site: nothing.
        for level in (4, 5, 4):
            self.rate(level, channel="pc", staff=self.staff3)
        alike = [self.rate(level, staff=self.staff3) for level in (5, 4, 5)]
        self.assertEqual(self.signals(alike[-1]), set())

    def visit(self, level, staff, ip, date=None):
        vals = {
            "employee_id": staff.id,
            "level": str(level),
            "channel": "qr",
            "ip_address": ip,
        }
        if date:
            vals["date"] = date
        return give_ratings(self.env, [vals])

    def test_bad_reviews_from_one_source_in_a_day(self):
        now = fields.Datetime.now()
        first = self.visit(1, self.staff, "10.5.5.5", now - timedelta(hours=20))
        self.visit(1, self.staff, "10.5.5.5", now - timedelta(hours=9))
        self.assertEqual(self.signals(first), set())
        third = self.visit(2, self.staff, "10.5.5.5")
        self.assertIn("source_bad_day", self.signals(third))
        self.assertIn("source_bad_day", self.signals(first))
        self.assertEqual(first.validity, "suspect")
        # Good ratings from one address are not a flood.
        goods = [self.visit(5, self.staff2, "10.5.5.6") for _i in range(3)]
        self.assertEqual(self.signals(goods[-1]), set())

    def test_bad_review_surge_against_the_baseline(self):
        now = fields.Datetime.now()
        for day in range(10, 40):
            self.rate(5, date=now - timedelta(days=day), ip_address=f"10.7.0.{day}")
        surge = [
            self.visit(1, self.staff, f"10.8.0.{n}", now - timedelta(hours=n * 20))
            for n in (3, 2, 1, 0)
        ]
        self.assertEqual([self.signals(r) for r in surge], [{"bad_surge"}] * 4)
        # A staff member with bad reviews as usual: no surge.
        for day in range(10, 40):
            level = 1 if day % 3 == 0 else 5
            self.rate(level, staff=self.staff3, date=now - timedelta(days=day))
        usual = self.visit(1, self.staff3, "10.9.0.1")
        self.assertNotIn("bad_surge", self.signals(usual))

    def test_score_from_settings(self):
        self.params.set_param("gov_rating.weight_not_applicant", 1.0)
        case = self.make_case(applicant_phone="13700000004")
        other = self.rate(5, case=case, evaluator_phone="13600000006")
        self.assertEqual(other.sudo().fraud_score, 1.0)
        self.assertEqual(other.validity, "suspect")

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
