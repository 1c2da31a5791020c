from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.gov_rating.tests.common import centre_calendar

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestDeadlineMixin(RectifyCase):
    """The step deadline on its own: due through the company calendar, warned
    before, overdue and escalated once, by the daily timers."""

    mail_under_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.Tester,) = cls._load_fake_models(
            ".deadline_tester",
            "GovDeadlineTester",
            access={"gov_rating.group_gov_supervisor": "r"},
        )
        # Friday 4 December 2026 is a holiday.
        centre_calendar(cls.env, date(2026, 12, 4))
        cls.params.set_param("gov_rectify.warning_hours", 24)

    def _task(self, deadline, **vals):
        task = self.Tester.create(
            {"name": "核查", "supervisor_id": self.supervisor.id, **vals}
        )
        task._deadline_write(task._deadline_vals(deadline))
        return task

    def test_due_date_through_the_company_calendar(self):
        thursday = datetime(2026, 12, 3, 2, 0)  # 10:00 in Beijing
        due = self.Tester._due_date(thursday, 1, "working")
        self.assertEqual(due, datetime(2026, 12, 7, 15, 59, 59), "end of Monday")
        self.assertEqual(due, self.env.company._gov_add_days(thursday, 1, "working"))
        task = self._task(due)
        self.assertEqual(task.date_warning, due - timedelta(hours=24))
        self.assertFalse(task.warned or task.is_overdue)

    def test_warned_then_escalated_once(self):
        now = fields.Datetime.now()
        soon = self._task(now + timedelta(hours=2))
        late = self._task(now - timedelta(hours=1))
        finished = self._task(now - timedelta(hours=1), done=True)
        self.Tester._cron_timers()
        self.assertTrue(soon.warned)
        self.assertFalse(soon.is_overdue, "warned, not overdue yet")
        self.assertTrue(late.is_overdue)
        self.assertEqual(late.escalation_count, 1)
        self.assertFalse(finished.warned or finished.is_overdue, "its clock stopped")
        # The supervisor finds the escalation among their to-dos.
        todo = (
            self.env["mail.activity"]
            .with_user(self.supervisor)
            .search([("res_model", "=", self.Tester._name), ("res_id", "=", late.id)])
        )
        self.assertEqual(todo.user_id, self.supervisor)
        self.assertIn("Overdue", todo.summary)
        self.Tester._cron_timers()
        self.assertEqual(late.escalation_count, 1, "one escalation a step")
        # A new step starts a new clock.
        late._deadline_write(late._deadline_vals(now + timedelta(days=3)))
        self.assertFalse(late.is_overdue)
        self.assertEqual(late.escalation_count, 1)
