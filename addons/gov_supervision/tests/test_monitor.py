from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.gov_rating.public import GovPublicError

from .complaint_common import CSRF_RE, PDF, ComplaintCase


@tagged("post_install", "-at_install")
class TestMonitor(HttpCase, ComplaintCase):
    """Appointed monitors report from their portal; the centre classifies and
    dispatches; each monitor sees their own reports only."""

    mail_under_test = True

    def _portal_report(self, login, files=None, **fields_):
        self.authenticate(login, f"{login}-pass")
        page = self.url_open("/my/monitor-reports/new").text
        data = {
            "csrf_token": CSRF_RE.search(page).group(1),
            "department_id": str(self.dept_a.id),
            "date": fields.Date.to_string(self.env.company._gov_today()),
            "problem": "大厅自助终端全部故障，无人维修，群众只能排队。",
            **fields_,
        }
        return self.url_open("/my/monitor-reports/new", data=data, files=files)

    def test_report_dispatched_and_visible_to_its_monitor_only(self):
        response = self._portal_report(
            "cp_mon1", files=[("attachments", ("evidence.pdf", PDF, "application/pdf"))]
        )
        self.assertEqual(response.status_code, 200)
        report = self.env["gov.monitor.report"].search(
            [("monitor_id", "=", self.monitor1.id)]
        )
        self.assertEqual(len(report), 1)
        self.assertTrue(response.url.endswith(f"/my/monitor-reports/{report.id}"))
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.attachment_ids.mapped("name"), ["evidence.pdf"])
        # Only the centre classifies.
        with self.assertRaises(AccessError):
            report.with_user(self.handler).action_dispatch()
        report.with_user(self.supervisor).action_dispatch()
        order = report.order_id
        self.assertEqual(order.source, "monitor")
        self.assertEqual(order.department_id, self.dept_a)
        self.assertIn("自助终端", order.description)
        self.assertEqual(
            self.env["ir.attachment"]
            .search(
                [("res_model", "=", "gov.rectify.order"), ("res_id", "=", order.id)]
            )
            .mapped("name"),
            ["evidence.pdf"],
        )
        with self.assertRaises(UserError):
            report.with_user(self.supervisor).action_dispatch()
        # The monitor sees it, its classification and its handling, in the portal.
        page = self.url_open("/my/monitor-reports").text
        self.assertIn(report.name, page)
        self.assertIn("Real problem: dispatched", page)
        detail = self.url_open(f"/my/monitor-reports/{report.id}")
        self.assertTrue(detail.url.endswith(f"/my/monitor-reports/{report.id}"))
        self.assertIn("Received, being verified", detail.text)
        self.assertIn("evidence.pdf", detail.text)
        self._run_to(order, "visit")
        detail = self.url_open(f"/my/monitor-reports/{report.id}").text
        self.assertIn("已整改，感谢监督", detail)
        evidence = report.attachment_ids
        link = f"/web/content/{evidence.id}?download=true"
        self.assertIn(f"{link}&amp;access_token={evidence.access_token}", detail)
        self.assertEqual(
            self.url_open(f"{link}&access_token={evidence.access_token}").content, PDF
        )
        # Another monitor does not.
        Report = self.env["gov.monitor.report"]
        self.assertFalse(Report.with_user(self.mon_user2).search([]))
        self.authenticate("cp_mon2", "cp_mon2-pass")
        other = self.url_open(f"/my/monitor-reports/{report.id}")
        self.assertFalse(other.url.endswith(f"/my/monitor-reports/{report.id}"))
        self.assertNotIn("自助终端", other.text)
        self.assertNotIn(report.name, self.url_open("/my/monitor-reports").text)
        self.assertNotEqual(self.url_open(link).content, PDF)

    def test_portal_hostile_inputs(self):
        Report = self.env["gov.monitor.report"]
        before = Report.search_count([])
        response = self._portal_report("cp_mon1", problem="短")
        self.assertEqual(response.status_code, 422)
        self.assertIn("describe the problem found", response.text)
        tomorrow = fields.Date.to_string(
            self.env.company._gov_today() + timedelta(days=1)
        )
        response = self._portal_report("cp_mon1", date=tomorrow)
        self.assertEqual(response.status_code, 422)
        response = self._portal_report("cp_mon1", csrf_token="forged")
        self.assertEqual(response.status_code, 400)
        # A portal user who is not an appointed monitor cannot report.
        self.authenticate("cp_outsider", "cp_outsider-pass")
        self.assertNotIn("o_gov_monitor_new", self.url_open("/my/monitor-reports").text)
        form = self.url_open("/my/monitor-reports/new")
        self.assertNotIn("o_gov_monitor_form", form.text)
        token = CSRF_RE.search(self.url_open("/gov/complaint").text).group(1)
        response = self.url_open(
            "/my/monitor-reports/new",
            data={
                "csrf_token": token,
                "department_id": str(self.dept_a.id),
                "date": fields.Date.to_string(self.env.company._gov_today()),
                "problem": "不是监测员也想提交报告。",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("Only an appointed monitor", response.text)
        self.assertEqual(Report.search_count([]), before)

    def test_days_are_the_centres(self):
        """At 23:30 UTC it is already 29 November in the centre (Beijing time) and
        for a supervisor on Brussels time, still 28 November for a monitor on New
        York time: appointments and report days follow the centre's calendar,
        whoever's clock reads them."""
        Report = self.env["gov.monitor.report"]
        self.supervisor.tz = "Europe/Brussels"
        self.outsider.tz = "America/New_York"
        with freeze_time("2026-11-28 23:30:00"):
            centre_day = self.env.company._gov_today()
            self.assertEqual(centre_day, date(2026, 11, 29))
            monitor = (
                self.env["gov.monitor"]
                .with_user(self.supervisor)
                .create({"user_id": self.outsider.id})
            )
            self.assertEqual(monitor.date_start, centre_day)
            as_monitor = Report.with_user(self.outsider)
            self.assertEqual(
                self.env["gov.monitor"]
                .with_user(self.outsider)
                ._of_user(self.outsider),
                monitor,
            )
            values = {
                "department_id": str(self.dept_a.id),
                "problem": "大厅叫号机故障，群众不知道轮到谁。",
            }
            with self.assertRaises(GovPublicError):
                as_monitor._portal_submit({**values, "date": "2026-11-30"}, [])
            report = as_monitor._portal_submit({**values, "date": "2026-11-29"}, [])
            self.assertEqual(report.date, centre_day)

    def test_classification_needs_its_reason(self):
        report = self.env["gov.monitor.report"].create(
            {
                "monitor_id": self.monitor1.id,
                "department_id": self.dept_a.id,
                "problem": "窗口工作人员上班时间玩手机。",
            }
        )
        as_supervisor = report.with_user(self.supervisor)
        with self.assertRaises(UserError):
            as_supervisor.action_not_problem()
        with self.assertRaises(UserError):
            as_supervisor.action_duplicate()
        as_supervisor.classification_note = "经查为工作人员在用手机为群众查询进度。"
        as_supervisor.action_not_problem()
        self.assertEqual(report.state, "not_problem")
        self.assertFalse(report.order_id)

    def test_reminder_goes_to_the_silent_monitor_only(self):
        Monitor = self.env["gov.monitor"]
        self.env["gov.monitor.report"].create(
            {
                "monitor_id": self.monitor1.id,
                "department_id": self.dept_a.id,
                "problem": "本月已报告：大厅空调故障。",
            }
        )
        retired_user = self.outsider
        retired = Monitor.create(
            {
                "user_id": retired_user.id,
                "date_start": self.env.company._gov_today() - timedelta(days=400),
                "date_end": self.env.company._gov_today() - timedelta(days=40),
            }
        )
        mine = self.monitor1 | self.monitor2 | retired
        reminded = Monitor._cron_remind_silent()
        self.assertEqual(reminded & mine, self.monitor2)
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "gov.monitor"),
                ("res_id", "in", mine.ids),
                ("subject", "=", "Your monitoring report for this month"),
            ]
        )
        self.assertEqual(messages.res_id, self.monitor2.id)
        self.assertEqual(messages.partner_ids, self.mon_user2.partner_id)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "gov.monitor"),
                ("res_id", "in", (self.monitor1 | retired).ids),
            ]
        )
        self.assertFalse(mails)
        self.assertEqual(self.monitor2.date_reminded, self.env.company._gov_today())
        # Once a month: the next run does not remind again.
        self.assertFalse(Monitor._cron_remind_silent())
