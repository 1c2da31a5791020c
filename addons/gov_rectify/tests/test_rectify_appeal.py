from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyAppeal(RectifyCase):
    def _appealed(self):
        evaluation, order = self._bad_order()
        self._run_to(order, "verify")
        order.with_user(self.supervisor).write({"verification": "mistaken"})
        as_handler = order.with_user(self.handler)
        with self.assertRaisesRegex(UserError, "grounds"):
            as_handler.action_appeal()
        as_handler.write({"appeal_reason": "监控显示已一次性告知"})
        as_handler.action_appeal()
        self.assertEqual(order.step, "appeal")
        self.assertEqual(order.appeal_state, "pending")
        return evaluation, order

    def _decide(self, user, order, decision, reason):
        """The reviewer opens the decision from the order and applies it."""
        action = order.with_user(user).action_appeal_decide()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"decision": decision, "reason": reason})
        )
        return wizard.action_apply()

    def test_reviewer_opens_and_decides_the_appealed_order(self):
        _evaluation, order = self._appealed()
        form = Form(order.with_user(self.reviewer))
        self.assertEqual(form.appeal_reason, "监控显示已一次性告知")
        self.assertEqual(form.step, "appeal")
        action = order.with_user(self.reviewer).action_appeal_decide()
        Wizard = self.env[action["res_model"]].with_user(self.reviewer)
        with Form(Wizard.with_context(**action["context"])) as wizard:
            wizard.decision = "rejected"
            wizard.reason = "证据不足，申诉不成立"
        wizard.record.action_apply()
        self.assertEqual(order.appeal_state, "rejected")
        self.assertEqual(order.appeal_reviewer_id, self.reviewer)

    def test_upheld_appeal_takes_the_rating_out_of_the_index(self):
        self.staff.invalidate_recordset()
        before = self.staff.gov_rating_count
        initial = self.staff.gov_index
        evaluation, order = self._appealed()
        self.staff.invalidate_recordset()
        self.assertEqual(self.staff.gov_rating_count, before + 1)
        self.assertLess(self.staff.gov_index, initial)
        # Decided by the department's own reviewer: refused, nothing changed.
        with self.assertRaisesRegex(UserError, "outside the department"):
            self._decide(self.reviewer_a, order, "upheld", "同意")
        # Nor does the department's handler.
        with self.assertRaisesRegex(AccessError, "Only an appeal reviewer"):
            order.with_user(self.handler).action_appeal_decide()
        self.assertEqual(evaluation.validity, "valid")
        self.assertEqual(order.appeal_state, "pending")
        # Moving an appealed order by hand is refused as well.
        with self.assertRaisesRegex(UserError, "Appeal buttons"):
            order.with_user(self.supervisor).write(
                {"stage_id": self.env.ref("gov_rectify.stage_transfer").id}
            )
        self._decide(self.reviewer, order, "upheld", "录像证实系误评，申诉成立")
        self.assertEqual(order.appeal_state, "upheld")
        self.assertEqual(order.appeal_decision, "录像证实系误评，申诉成立")
        self.assertEqual(order.appeal_reviewer_id, self.reviewer)
        self.assertEqual(order.step, "closed")
        self.assertEqual(order.result, "appeal_upheld")
        self.assertEqual(evaluation.validity, "invalid")
        self.assertEqual(evaluation.reviewer_id, self.reviewer)
        self.assertIn(order.name, evaluation.review_reason)
        self.staff.invalidate_recordset()
        self.assertEqual(
            self.staff.gov_rating_count, before, "the rating left the index"
        )
        self.assertAlmostEqual(self.staff.gov_index, initial)
        kpis = self.env["gov.rectify.report"]._kpis([("order_id", "=", order.id)])
        self.assertEqual(kpis["order_count"], 0, "an upheld appeal leaves the figures")

    def test_rejected_appeal_goes_back_on_the_path(self):
        evaluation, order = self._appealed()
        with self.assertRaisesRegex(UserError, "reasons"):
            self._decide(self.reviewer, order, "rejected", "  ")
        # The decision is given through the reviewer's form, not typed in.
        with self.assertRaisesRegex(UserError, "nobody sets them by hand"):
            order.with_user(self.reviewer).write({"appeal_decision": "不成立"})
        self._decide(self.reviewer, order, "rejected", "证据不足，申诉不成立")
        self.assertEqual(order.appeal_state, "rejected")
        self.assertEqual(order.appeal_reviewer_id, self.reviewer)
        self.assertEqual(order.step, "transfer")
        self.assertEqual(evaluation.validity, "valid")
        with self.assertRaisesRegex(UserError, "during the verification"):
            order.with_user(self.handler).action_appeal()
        self._run_to(order, "closed")
        self.assertEqual(order.result, "rectified")

    def test_hotline_order_cannot_be_sent_back(self):
        Order = self.env["gov.rectify.order"].with_user(self.supervisor)
        with self.assertRaisesRegex(Exception, "department and a description"):
            Order.create({"source": "hotline", "description": "投诉窗口推诿"})
        hotline = Order.create(
            {
                "source": "hotline",
                "department_id": self.dept_a.id,
                "description": "12345 转办：窗口推诿",
                "citizen_phone": "13900139000",
            }
        )
        self.assertTrue(hotline.name.startswith("ZG"))
        self.assertTrue(hotline.visit_required)
        self._run_to(hotline, "contact")
        with self.assertRaisesRegex(UserError, "12345"):
            hotline.with_user(self.handler).action_return()
        self.assertEqual(hotline.step, "contact", "nothing changed")
        # Another kind of order may be sent back to verification.
        finding = Order.create(
            {
                "source": "third_party",
                "department_id": self.dept_a.id,
                "description": "第三方暗访：一次性告知未落实",
            }
        )
        self._run_to(finding, "contact")
        finding.with_user(self.handler).action_return()
        self.assertEqual(finding.step, "verify")
        self.assertFalse(finding.visit_required)
