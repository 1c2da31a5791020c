from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyLoop(RectifyCase):
    mail_under_test = True

    def test_clear_case_whole_loop(self):
        evaluation, order = self._bad_order()
        self.assertEqual(len(order), 1, "a valid bad review opens one work order")
        self.assertTrue(order.name.startswith("ZG"))
        self.assertEqual(order.step, "new")
        self.assertEqual(order.case_id, evaluation.case_id)
        self.assertEqual(order.employee_id, self.staff)
        self.assertEqual(order.item_id, self.item)
        self.assertEqual(order.department_id, self.dept_a)
        self.assertEqual(order.supervisor_id, self.supervisor)
        self.assertTrue(order.visit_required, "the applicant rated by real name")
        self.assertTrue(order.date_deadline)

        as_sup = order.with_user(self.supervisor)
        as_sup.action_next_step()
        # A step skipped: from verification straight to rectification.
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            as_sup.write({"stage_id": self.env.ref("gov_rectify.stage_rectify").id})
        self.assertEqual(order.step, "verify", "nothing changed")
        # Leaving verification without its result.
        with self.assertRaisesRegex(UserError, "verification result"):
            as_sup.action_next_step()
        self._run_to(order, "contact")
        self.assertEqual(order.user_id, self.handler)
        self.assertIn(
            self.handler,
            order.activity_ids.user_id,
            "the handler has a to-do for the step",
        )
        self._run_to(order, "reply")
        self.assertEqual(order.rectify_kind, "immediate")
        self.assertTrue(order.date_rectified)
        self.assertTrue(order.rectified_on_time)
        # The citizen cannot rate again before the reply.
        with self.assertRaisesRegex(ValidationError, "replied"):
            self._rate(level="4", case=order.case_id, assess_number="2")
        # Closing without the reply.
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            order.with_user(self.handler).write(
                {"stage_id": self.env.ref("gov_rectify.stage_closed").id}
            )
        self._run_to(order, "visit")
        self.assertTrue(order.date_replied)
        second = self._rate(level="4", case=order.case_id, assess_number="2")
        self.assertEqual(order.second_evaluation_id, second)
        # Real name: no closing without a follow-up visit.
        with self.assertRaisesRegex(UserError, "follow-up visit"):
            order.with_user(self.handler).action_next_step()
        self._run_to(order, "closed")
        self.assertEqual(order.result, "rectified")
        self.assertTrue(order.date_closed)
        self.assertEqual(len(order.visit_ids), 1)
        kpis = self.env["gov.rectify.report"]._kpis([("order_id", "=", order.id)])
        self.assertEqual(
            kpis,
            {
                "order_count": 1,
                "rectified_rate": 100.0,
                "on_time_rate": 100.0,
                "visit_rate": 100.0,
                # The follow-up visit's answer: satisfied.
                "satisfaction_count": 1,
                "satisfaction_rate": 100.0,
            },
        )
        # Kept for life: no reopening, no deletion, no removal of evidence.
        with self.assertRaisesRegex(UserError, "not reopened"):
            order.with_user(self.supervisor).write(
                {"stage_id": self.env.ref("gov_rectify.stage_reply").id}
            )
        with self.assertRaises(UserError):
            order.sudo().unlink()
        evidence = self.env["ir.attachment"].create(
            {
                "name": "整改照片.txt",
                "raw": b"photo",
                "res_model": order._name,
                "res_id": order.id,
            }
        )
        with self.assertRaisesRegex(UserError, "evidence"):
            evidence.unlink()
        self.assertTrue(evidence.exists())

    def test_complex_case_with_ledger(self):
        _evaluation, order = self._bad_order(level="2")
        self._run_to(order, "rectify")
        as_handler = order.with_user(self.handler)
        yesterday = self.env.company._gov_today() - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "past"):
            as_handler.write({"rectify_kind": "ledger", "ledger_deadline": yesterday})
        self.assertFalse(order.ledger_deadline, "nothing changed")
        due = self.env.company._gov_today() + timedelta(days=30)
        as_handler.write(
            {
                "rectify_kind": "ledger",
                "ledger_deadline": due,
                "rectify_note": "纳入整改台账",
            }
        )
        self.assertEqual(
            order.date_deadline.date(), due, "the ledger sets the due date"
        )
        ledger = self.env["gov.rectify.order"].search(
            [("rectify_kind", "=", "ledger"), ("department_id", "=", self.dept_a.id)]
        )
        self.assertIn(order, ledger)
        self._run_to(order, "closed")
        self.assertTrue(order.rectified_on_time)
        self.assertEqual(order.result, "rectified")

    def test_late_rectification_lowers_on_time_rate(self):
        _e1, late = self._bad_order()
        _e2, early = self._bad_order()
        for order in late + early:
            self._run_to(order, "rectify")
        late.sudo().write({"date_deadline": self._past()})
        for order in late + early:
            self._run_to(order, "reply")
        self.assertFalse(late.rectified_on_time)
        kpis = self.env["gov.rectify.report"]._kpis(
            [("order_id", "in", (late + early).ids)]
        )
        self.assertEqual(kpis["rectified_rate"], 100.0)
        self.assertEqual(kpis["on_time_rate"], 50.0)
        self.assertEqual(kpis["visit_rate"], 0.0)

    def test_good_ratings_open_no_order_suspect_ones_are_held(self):
        good = self._rate(level="5", case=self._case())
        self.assertFalse(self._order_of(good))
        suspect = self._rate_flagged(level="1", case=self._case())
        self.assertEqual(suspect.validity, "suspect")
        order = self._order_of(suspect)
        self.assertEqual(len(order), 1, "an honest complaint never waits")
        self._run_to(order, "verify")
        order.with_user(self.supervisor).write({"verification": "true"})
        with self.assertRaisesRegex(UserError, "suspect"):
            order.with_user(self.supervisor).action_next_step()
        self.assertEqual(order.step, "verify")
        suspect.with_user(self.supervisor)._set_validity("valid", "核实为真实评价")
        self.assertEqual(len(self._order_of(suspect)), 1, "still one order")
        order.with_user(self.supervisor).action_next_step()
        self.assertNotEqual(order.step, "verify")

    def test_rating_judged_invalid_closes_its_order(self):
        evaluation, order = self._bad_order()
        self._run_to(order, "contact")
        wizard = (
            self.env["gov.evaluation.review.wizard"]
            .with_user(self.supervisor)
            .create(
                {
                    "evaluation_ids": [(6, 0, evaluation.ids)],
                    "decision": "invalid",
                    "reason": "同一设备10分钟内连续差评",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(order.step, "closed")
        self.assertEqual(order.result, "invalidated")
        self.assertFalse(
            self.env["gov.rectify.report"]._kpis([("order_id", "=", order.id)])[
                "order_count"
            ]
        )
