from datetime import datetime

from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyTimers(RectifyCase):
    mail_under_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "政务服务中心工作时间", "tz": "Asia/Shanghai"}
        )
        cls.env.company.resource_calendar_id = cls.calendar
        # Friday 4 December 2026 is a public holiday (global leave, local time).
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "调休",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 12, 3, 16, 0),
                "date_to": datetime(2026, 12, 4, 15, 59, 59),
            }
        )
        cls.Order = cls.env["gov.rectify.order"]

    def test_working_days_across_a_holiday(self):
        thursday = datetime(2026, 12, 3, 2, 0)  # 10:00 in Shanghai
        due = self.Order._due_date(thursday, 1, "working")
        # Friday is a holiday, then the weekend: due at the end of Monday in
        # Shanghai (15:59:59 UTC).
        self.assertEqual(due, datetime(2026, 12, 7, 15, 59, 59))
        self.assertEqual(
            self.Order._due_date(thursday, 5, "working"),
            datetime(2026, 12, 11, 15, 59, 59),
        )
        self.assertEqual(
            self.Order._due_date(thursday, 1, "natural"), datetime(2026, 12, 4, 2, 0)
        )

    def test_reply_within_natural_days_setting(self):
        self.params.set_param("gov_rectify.reply_days", 15)
        _evaluation, order = self._bad_order()
        self.assertEqual((order.date_reply_due - order.date_open).days, 15)
        self._run_to(order, "reply")
        self.assertLessEqual(order.date_deadline, order.date_reply_due)

    def test_overdue_order_escalates_once(self):
        _evaluation, order = self._bad_order()
        self._run_to(order, "contact")
        self.assertFalse(order.is_overdue)
        order.sudo().write(
            {"date_deadline": self._past(), "date_warning": self._past(2)}
        )
        self.Order._cron_timers()
        self.assertTrue(order.warned)
        self.assertTrue(order.is_overdue)
        self.assertEqual(order.escalation_count, 1)
        warning = order.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("mail.mail_activity_data_warning")
        )
        self.assertEqual(
            warning.user_id, self.supervisor, "escalated to the supervisor"
        )
        message = order.message_ids.filtered(lambda m: "Overdue" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(self.supervisor.partner_id, message.partner_ids)
        overdue = self.Order.search([("is_overdue", "=", True)])
        self.assertIn(order, overdue, "the overdue list shows it")
        self.Order._cron_timers()
        self.assertEqual(order.escalation_count, 1, "one escalation a step")
        # The next step starts its own clock.
        order.with_user(self.handler).write({"contact_note": "已联系"})
        order.with_user(self.handler).action_next_step()
        self.assertFalse(order.is_overdue)
        self.assertGreater(order.date_deadline, self._past(0))
        self.env["gov.rectify.accountability"].with_user(self.supervisor).create(
            {
                "order_id": order.id,
                "department_id": order.department_id.id,
                "reason": "联系超期",
                "measure": "criticism",
            }
        )
        self.assertEqual(len(order.accountability_ids), 1)
