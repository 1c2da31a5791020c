from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import GovRatingCase


@tagged("post_install", "-at_install")
class TestDefaultRating(GovRatingCase):
    def defaults(self, case):
        return self.env["gov.evaluation"].search(
            [("case_id", "=", case.id), ("is_default", "=", True)]
        )

    def test_off_unless_configured(self):
        case = self.make_case(date_done=datetime(2026, 3, 2, 10))
        with freeze_time("2026-04-01"):
            self.env["gov.case"]._cron_default_ratings()
        self.assertFalse(self.defaults(case))

    def test_natural_days(self):
        self.params.set_param("gov_rating.default_rating", "True")
        self.params.set_param("gov_rating.default_rating_days", 7)
        self.params.set_param("gov_rating.default_rating_level", "3")
        case = self.make_case(date_done=datetime(2026, 3, 2, 10))
        rated = self.make_case(date_done=datetime(2026, 3, 2, 10))
        self.rate(5, case=rated)
        with freeze_time("2026-03-09 09:00"):
            self.env["gov.case"]._cron_default_ratings()
        self.assertFalse(self.defaults(case))
        with freeze_time("2026-03-09 11:00"):
            self.env["gov.case"]._cron_default_ratings()
        default = self.defaults(case)
        self.assertEqual((default.level, default.channel), ("3", "default"))
        self.assertFalse(self.defaults(rated), "a rated case gets no default rating")
        with freeze_time("2026-03-10 11:00"):
            self.env["gov.case"]._cron_default_ratings()
        self.assertEqual(len(self.defaults(case)), 1)

    def test_working_days_skip_weekends_and_holidays(self):
        self.params.set_param("gov_rating.default_rating", "True")
        self.params.set_param("gov_rating.default_rating_days", 5)
        self.params.set_param("gov_rating.default_rating_day_type", "working")
        # A centre working 8:00-17:00 Beijing time, Monday to Friday.
        calendar = self.env["resource.calendar"].create(
            {"name": "测试中心工作日", "tz": "Asia/Shanghai"}
        )
        self.env.company.resource_calendar_id = calendar
        # A holiday on Friday 3 April 2026.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "清明节",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 4, 3, 0, 0),
                "date_to": datetime(2026, 4, 3, 23, 59),
            }
        )
        # Completed Monday 30 March at 9:00 Beijing: 5 full working days later is
        # the end of Tuesday 7 April (without the holiday, of Monday 6 April).
        case = self.make_case(date_done=datetime(2026, 3, 30, 1))
        with freeze_time("2026-04-06 20:00"):
            self.env["gov.case"]._cron_default_ratings()
        self.assertFalse(self.defaults(case))
        with freeze_time("2026-04-08 08:00"):
            self.env["gov.case"]._cron_default_ratings()
        self.assertTrue(self.defaults(case))
