import psycopg2.errors

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyNotify(RectifyCase):
    """Who a work order tells and when; the supervisor's and the department's
    tools at the follow-up: skipping an optional step from inside it, closing
    the follow-up of an anonymous bad review, drawing the sample survey now."""

    mail_under_test = True

    def _told(self, order, text):
        """The partners a message of ``order`` holding ``text`` was sent to."""
        return order.message_ids.filtered(lambda m: text in (m.body or "")).partner_ids

    def test_the_department_is_told_when_the_order_reaches_it(self):
        # The head is no handler: told as the head.
        head = self._user("rf_head", "gov_rating.group_gov_clerk", self.dept_a)
        self.dept_a.manager_id = head.employee_ids
        _evaluation, order = self._bad_order()
        self.assertNotIn(self.handler.partner_id, order.message_partner_ids)
        self._run_to(order, "transfer")
        self.assertFalse(self._told(order, "reached"), "not before the transfer")
        self._run_to(order, "contact")
        told = self._told(order, "reached")
        self.assertIn(self.handler.partner_id, told)
        self.assertIn(head.partner_id, told)
        self.assertNotIn(self.handler_b.partner_id, told, "not another department")
        self.assertIn(self.handler.partner_id, order.message_partner_ids)
        self.assertIn(head.partner_id, order.message_partner_ids)

    def test_overdue_steps_notify_as_configured(self):
        Order = self.env["gov.rectify.order"]
        for setting, handler_told in (("supervisor", False), ("department", True)):
            self.params.set_param("gov_rectify.overdue_notify", setting)
            _evaluation, order = self._bad_order()
            self._run_to(order, "contact")
            order.sudo().write(
                {"date_deadline": self._past(), "date_warning": self._past(2)}
            )
            Order._cron_timers()
            told = self._told(order, "Overdue")
            self.assertIn(self.supervisor.partner_id, told)
            self.assertEqual(self.handler.partner_id in told, handler_told, setting)
            warned = self._told(order, "is due on")
            self.assertIn(self.handler.partner_id, warned, "the assignee is warned")

    def test_an_optional_step_is_skipped_from_inside(self):
        _evaluation, order = self._bad_order()
        self._run_to(order, "instruct")
        self.assertTrue(order.with_user(self.handler).stage_optional)
        order.with_user(self.handler).action_skip_step()
        self.assertEqual(order.step, "reply")
        self.assertFalse(order.leader_instruction)
        self.assertTrue(order.message_ids.filtered(lambda m: "skipped" in m.body))
        with self.assertRaisesRegex(UserError, "not optional"):
            order.with_user(self.handler).action_skip_step()

    def test_an_anonymous_follow_up_closes_as_no_contact_possible(self):
        evaluation = self._rate(case=self._case(), anonymous=True)
        order = self._order_of(evaluation)
        self.assertFalse(order.visit_required)
        # A named citizen's order cannot use it.
        _named, named_order = self._bad_order()
        self._run_to(named_order, "visit")
        self.assertFalse(named_order.with_user(self.handler).can_close_no_contact)
        with self.assertRaisesRegex(UserError, "anonymous"):
            named_order.with_user(self.handler).action_close_no_contact()
        self._run_to(order, "reply")
        order.with_user(self.handler).write({"reply_text": "已整改，公示于大厅"})
        order.with_user(self.handler).action_next_step()
        self.assertEqual(order.step, "visit")
        with self.assertRaisesRegex(UserError, "follow-up visit"):
            order.with_user(self.handler).action_next_step()
        self.assertTrue(order.with_user(self.handler).can_close_no_contact)
        order.with_user(self.handler).action_close_no_contact()
        self.assertEqual(order.step, "second")
        self.assertTrue(order.no_contact)
        self.assertFalse(order.date_visited, "not counted as followed up")
        report = self.env["gov.rectify.report"].search([("order_id", "=", order.id)])
        self.assertEqual(report.visited, 0)

    def test_the_supervisor_draws_the_sample_survey_now(self):
        cases = self._case() + self._case()
        for case in cases:
            self._rate(level="5", case=case)
        Visit = self.env["gov.rectify.visit"]
        with self.assertRaises(AccessError):
            Visit.with_user(self.handler).action_draw_sample()
        self.params.set_param("gov_rectify.sample_share", 0)
        with self.assertRaisesRegex(UserError, "share"):
            Visit.with_user(self.supervisor).action_draw_sample()
        self.params.set_param("gov_rectify.sample_share", 100)
        action = Visit.with_user(self.supervisor).action_draw_sample()
        drawn = Visit.search(action["domain"])
        self.assertEqual(drawn.case_id & cases, cases)
        self.assertEqual(set(drawn.mapped("kind")), {"sample"})
        again = Visit.with_user(self.supervisor).action_draw_sample()
        self.assertEqual(again["tag"], "display_notification", "nothing left")
        # A draw that ran at the same moment, not seeing this one's visits,
        # would insert the same cases again: the database refuses them.
        case = drawn[0].case_id
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.cr.savepoint(),
        ):
            Visit.sudo().create(
                {"kind": "sample", "case_id": case.id, "user_id": False}
            )

    def test_satisfaction_rate_of_closed_orders(self):
        orders = []
        for satisfaction in ("5", "3", "1"):
            _evaluation, order = self._bad_order()
            self._run_to(order, "visit")
            self._visit(order, satisfaction=satisfaction)
            order.with_user(self.handler).action_skip_step()
            self.assertEqual(order.step, "closed")
            orders.append(order)
        _evaluation, open_order = self._bad_order()
        self._run_to(open_order, "visit")
        self._visit(open_order, satisfaction="1")
        Report = self.env["gov.rectify.report"].with_user(self.supervisor)
        ids = [o.id for o in orders] + [open_order.id]
        kpis = Report._kpis([("order_id", "in", ids)])
        # Two of the three closed orders satisfied; the open order does not count.
        self.assertEqual(kpis["satisfaction_count"], 3)
        self.assertEqual(kpis["satisfaction_rate"], 66.67)
        [(rate,)] = Report._read_group(
            [("order_id", "in", ids)], [], ["satisfaction_rate:avg"]
        )
        self.assertAlmostEqual(rate, 200 / 3, places=2)
