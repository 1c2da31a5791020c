from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifySecurity(RectifyCase):
    def test_record_rules_per_role(self):
        _e1, order_a = self._bad_order()
        e2 = self._rate(
            employee=self.staff_b,
            case=self._case(employee=self.staff_b, item=self.item_b),
        )
        order_b = self._order_of(e2)
        self.assertEqual(order_b.department_id, self.dept_b)
        Order = self.env["gov.rectify.order"]
        mine = Order.with_user(self.handler).search([])
        self.assertIn(order_a, mine)
        self.assertNotIn(order_b, mine, "a handler sees only their department's")
        self.assertNotIn(order_a, Order.with_user(self.handler_b).search([]))
        everything = Order.with_user(self.supervisor).search([])
        self.assertIn(order_a, everything)
        self.assertIn(order_b, everything)
        with self.assertRaises(AccessError):
            Order.with_user(self.clerk).search([])
        # Reviewers see appeals only (and their own department's orders).
        self.assertNotIn(order_a, Order.with_user(self.reviewer).search([]))
        self._run_to(order_a, "verify")
        order_a.with_user(self.handler).write({"appeal_reason": "系误评"})
        order_a.with_user(self.handler).action_appeal()
        self.assertIn(order_a, Order.with_user(self.reviewer).search([]))
        # A handler cannot move an order to another department.
        with self.assertRaisesRegex(UserError, "supervisor"):
            order_b.with_user(self.handler_b).write({"department_id": self.dept_a.id})
        # Figures follow the same rules.
        report = self.env["gov.rectify.report"].with_user(self.handler).search([])
        self.assertEqual(report.department_id, self.dept_a)

    def test_identity_only_to_callers_and_logged(self):
        _evaluation, order = self._bad_order()
        as_handler = order.with_user(self.handler)
        self.assertEqual(as_handler.citizen_masked, "赵* 138****8000")
        with self.assertRaises(AccessError):
            as_handler.read(["citizen_phone"])
        Log = self.env["gov.identity.access.log"]
        before = Log.search_count([("res_model", "=", order._name)])
        values = order.with_user(self.supervisor).read(["citizen_phone"])
        self.assertEqual(values[0]["citizen_phone"], "13800138000")
        logs = Log.search([("res_model", "=", order._name), ("res_id", "=", order.id)])
        self.assertEqual(len(logs), before + 1)
        self.assertEqual(logs.user_id, self.supervisor)

    def test_step_group_and_no_deletion(self):
        _evaluation, order = self._bad_order()
        with self.assertRaisesRegex(UserError, "Only"):
            order.with_user(self.handler).action_next_step()
        self.assertEqual(order.step, "new")
        self._run_to(order, "contact")
        with self.assertRaises(UserError):
            order.with_user(self.supervisor).unlink()
        visit = self._visit(order)
        with self.assertRaisesRegex(UserError, "kept"):
            visit.with_user(self.supervisor).write({"satisfaction": "5"})
        with self.assertRaisesRegex(UserError, "kept"):
            visit.sudo().unlink()

    def test_nobody_sets_the_state_of_an_order_by_hand(self):
        _evaluation, order = self._bad_order()
        self._run_to(order, "contact")
        for vals in (
            {"result": "appeal_upheld"},
            {"appeal_state": "upheld"},
            {"date_replied": "2026-01-01 00:00:00"},
            {"is_overdue": False},
        ):
            with self.assertRaisesRegex(UserError, "nobody sets them by hand"):
                order.with_user(self.handler).write(vals)
        self.assertFalse(order.result)
        self.assertFalse(order.date_replied)
        with self.assertRaisesRegex(UserError, "then marked done"):
            self.env["gov.rectify.visit"].with_user(self.supervisor).create(
                {"order_id": order.id, "state": "done", "satisfaction": "5"}
            )

    def test_sample_survey_share(self):
        cases = self._case() + self._case() + self._case() + self._case()
        for case in cases:
            self._rate(level="5", case=case)
        Visit = self.env["gov.rectify.visit"]
        start = fields.Datetime.now() - timedelta(hours=1)
        end = fields.Datetime.now() + timedelta(hours=1)
        self.assertFalse(Visit._sample_survey(start, end, 0.0))
        half = Visit._sample_survey(start, end, 50.0, seed=1)
        total = Visit.search_count(
            [("kind", "=", "sample"), ("case_id", "in", cases.ids)]
        )
        self.assertEqual(len(half.filtered(lambda v: v.case_id in cases)), total)
        self.assertEqual(len(half.case_id), len(half), "one call per case")
        again = Visit._sample_survey(start, end, 100.0)
        self.assertFalse(again.case_id & half.case_id, "a case is sampled once")
        self.assertEqual(
            Visit.search_count([("kind", "=", "sample"), ("case_id", "in", cases.ids)]),
            4,
        )
