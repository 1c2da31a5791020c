from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import PERIOD_END, PERIOD_START, GovPublishCase


@tagged("post_install", "-at_install")
class TestSecurity(GovPublishCase, TransactionCase):
    def test_rankings_by_role(self):
        published = self._published_period()
        draft = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create({"date_range_id": self.april.id})
        )
        Period = self.env["gov.publish.period"]
        self.assertIn(draft, Period.with_user(self.supervisor).search([]))
        handler_sees = Period.with_user(self.handler).search([])
        self.assertIn(published, handler_sees)
        self.assertNotIn(draft, handler_sees, "drafts are not shown to handlers")
        with self.assertRaises(AccessError):
            Period.with_user(self.handler).create({"date_range_id": self.april.id})
        with self.assertRaises(AccessError):
            Period.with_user(self.clerk).search([])
        with self.assertRaises(AccessError):
            draft.with_user(self.supervisor).unlink()
        lines = self.env["gov.publish.line"].with_user(self.handler).search([])
        self.assertIn(published, lines.period_id)
        self.assertNotIn(draft, lines.period_id)

    def test_exports_are_private_to_their_author(self):
        Job = self.env["gov.export.job"]
        vals = {"date_from": PERIOD_START, "date_to": PERIOD_END}
        mine = Job.with_user(self.handler).create(vals)
        theirs = Job.with_user(self.supervisor).create(vals)
        self.assertEqual(Job.with_user(self.handler).search([]), mine)
        self.assertIn(theirs, Job.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            Job.with_user(self.clerk).create(vals)

    def test_background_export_keeps_the_requester_rights(self):
        job = (
            self.env["gov.export.job"]
            .with_user(self.handler)
            .create(
                {"date_from": PERIOD_START, "date_to": PERIOD_END, "valid_only": False}
            )
        )
        job.action_queue()
        self.env["gov.export.job"]._cron_process()
        self.assertEqual(job.state, "done", job.error)
        # The handler sits in the second department: its five ratings only.
        self.assertEqual(job.done_count, 5)

    def test_exchange_and_dashboard_by_role(self):
        with self.assertRaises(AccessError):
            self.env["gov.exchange.outbox"].with_user(self.handler).search([])
        with self.assertRaises(AccessError):
            self.env["gov.exchange.import"].with_user(self.handler).search([])
        with self.assertRaises(AccessError):
            self.env["gov.publish.dashboard"].with_user(self.handler).create({})
        report = self.env["gov.case.activity.report"].with_user(self.handler)
        departments = report.search([]).department_id
        self.assertLessEqual(set(departments.ids), {self.dept_bad.id})
