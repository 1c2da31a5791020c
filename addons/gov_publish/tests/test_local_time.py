import re
from datetime import date, datetime

from odoo.tests import TransactionCase, tagged

from .common import GovPublishCase


@tagged("post_install", "-at_install")
class TestLocalTime(GovPublishCase, TransactionCase):
    """Months are cut at midnight Beijing time: a rating given at 00:30 on
    1 April (16:30 UTC on 31 March) counts in April, one given at 23:30 on
    31 March counts in March, wherever the figures are shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.gov_tz = "Asia/Shanghai"
        cls.last_evening = cls._bad_rating(datetime(2024, 3, 31, 15, 30))
        cls.first_night = cls._bad_rating(datetime(2024, 3, 31, 16, 30))

    @classmethod
    def _bad_rating(cls, when):
        vals = cls._rating("2", cls.staff_good, cls.item_good, 1)
        return cls._give_ratings([dict(vals, date=when)])

    def _department_line(self, period):
        return self._line(period, self.dept_good).filtered(
            lambda li: li.kind == "department"
        )

    def test_published_periods(self):
        march = self._department_line(self._published_period(self.march))
        april = self._department_line(self._published_period(self.april))
        self.assertEqual(march.rating_count, 6, "five ratings and 23:30 on the 31st")
        self.assertEqual(march.bad_count, 1)
        self.assertEqual(april.rating_count, 1, "00:30 on the 1st is in April")
        self.assertEqual(april.bad_count, 1)

    def test_publication_day_is_the_centres(self):
        """Published at 00:30 on 1 April, Beijing time: the rankings page says
        published on 1 April."""
        period = self._published_period(self.march)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE gov_publish_period SET published_date = %s WHERE id = %s",
            [datetime(2024, 3, 31, 16, 30), period.id],
        )
        period.invalidate_recordset(["published_date"])
        public = self.env.ref("base.public_user")
        values = (
            self.env["gov.publish.site"]
            .with_user(public)
            ._rankings_values({"period": str(period.id)})
        )
        self.assertEqual(values["period"]["published_date"], date(2024, 4, 1))

    def test_dashboard(self):
        Dashboard = self.env["gov.publish.dashboard"].with_user(self.supervisor)
        board = Dashboard.create(
            {
                "date_from": date(2024, 4, 1),
                "date_to": date(2024, 4, 30),
                "department_id": self.dept_good.id,
            }
        )
        self.assertEqual(board.rating_count, 1)
        self.assertEqual(board.bad_rate, 100.0)
        # The daily chart shows the bad review on 1 April, its first bar.
        chart = board._gov_figures()["chart"]
        red = re.findall(r'<rect x="([\d.]+)"[^>]*fill="#c0392b"', chart)
        self.assertEqual(red, ["1.0"])
        board.write({"date_from": date(2024, 3, 1), "date_to": date(2024, 3, 31)})
        self.assertEqual(board.rating_count, 6)

    def test_public_comment_shows_the_centres_day(self):
        """A comment given at 00:30 on 1 April, Beijing time, is dated 1 April on
        the public comments page a visitor reads."""
        vals = self._rating("5", self.staff_good, self.item_good, 2)
        self._give_ratings(
            [
                dict(
                    vals,
                    date=datetime(2024, 3, 31, 16, 30),
                    comment="凌晨办完，窗口仍在服务。",
                    publish_comment=True,
                )
            ]
        )
        public = self.env.ref("base.public_user")
        rows = (
            self.env["gov.publish.site"]
            .with_user(public)
            ._comments_values({"department": str(self.dept_good.id)})["rows"]
        )
        dates = [row["date"] for row in rows if row["comment"].startswith("凌晨")]
        self.assertEqual(dates, [date(2024, 4, 1)])

    def test_export(self):
        job = (
            self.env["gov.export.job"]
            .with_user(self.supervisor)
            .create(
                {
                    "date_from": date(2024, 4, 1),
                    "date_to": date(2024, 4, 30),
                    "department_id": self.dept_good.id,
                    "valid_only": True,
                }
            )
        )
        job.action_queue()
        self.env["gov.export.job"]._cron_process()
        self.assertEqual(job.state, "done", job.error)
        self.assertEqual(job.total_count, 1)
        records = self.first_night._gov_interface_records()
        self.assertEqual(
            records[0]["assessTime"], "2024-04-01 00:30:00", "Beijing time"
        )

    def test_warnings(self):
        self.env["gov.rectify.warning.rule"].create(
            {
                "name": "测试：月度一票预警",
                "subject": "employee",
                "period": "month",
                "threshold": 1,
                "action": "caution",
            }
        )
        Warning = self.env["gov.rectify.warning"]
        Warning._compute_warnings(day=date(2024, 4, 15))
        Warning._compute_warnings(day=date(2024, 3, 15))
        warnings = Warning.with_user(self.supervisor).search(
            [("employee_id", "=", self.staff_good.id), ("period", "=", "month")]
        )
        self.assertEqual(
            {(w.period_start, w.vote_count) for w in warnings},
            {(date(2024, 4, 1), 1), (date(2024, 3, 1), 1)},
            "one dissatisfied vote in each month",
        )
