from datetime import date, datetime

import pytz

from odoo.tests import new_test_user, tagged

from .common import GovRatingCase, centre_calendar


@tagged("post_install", "-at_install")
class TestCalendar(GovRatingCase):
    """One calendar for the centre: days and periods cut at midnight Beijing time,
    working days on the company's working time and public holidays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # Friday 1 May 2026: Labour Day.
        centre_calendar(cls.env, date(2026, 5, 1))

    def test_the_manager_sets_the_centre_zone(self):
        self.assertEqual(
            self.company.gov_tz, "Asia/Shanghai", "Beijing time by default"
        )
        # Odoo lets administrators save settings: the centre's manager is one.
        manager = new_test_user(
            self.env,
            "t_cal_manager",
            groups="base.group_system,gov_rating.group_gov_manager",
        )
        settings = self.env["res.config.settings"].with_user(manager).create({})
        self.assertEqual(settings.gov_tz, "Asia/Shanghai")
        settings.gov_tz = "Asia/Urumqi"
        settings.execute()
        self.assertEqual(self.company.gov_tz, "Asia/Urumqi")

    def test_local_days_and_periods(self):
        # 00:30 on 1 March in Beijing is still 28 February in UTC.
        self.assertEqual(
            self.company._gov_local_date(datetime(2026, 2, 28, 16, 30)),
            date(2026, 3, 1),
        )
        self.assertEqual(
            self.company._gov_local_date(datetime(2026, 2, 28, 15, 30)),
            date(2026, 2, 28),
        )
        cut = datetime(2026, 2, 28, 16, 0)  # midnight starting 1 March, Beijing
        expected = {
            "day": (cut, datetime(2026, 3, 1, 16, 0)),
            "week": (datetime(2026, 3, 1, 16, 0), datetime(2026, 3, 8, 16, 0)),
            "month": (cut, datetime(2026, 3, 31, 16, 0)),
            "quarter": (datetime(2025, 12, 31, 16, 0), datetime(2026, 3, 31, 16, 0)),
            "year": (datetime(2025, 12, 31, 16, 0), datetime(2026, 12, 31, 16, 0)),
        }
        for period, bounds in expected.items():
            day = date(2026, 3, 1) if period != "week" else date(2026, 3, 3)
            self.assertEqual(
                self.company._gov_period_bounds(day, period), bounds, period
            )
        self.assertEqual(
            self.company._gov_to_utc(datetime(2026, 3, 1, 0, 30)),
            datetime(2026, 2, 28, 16, 30),
        )

    def test_interface_times_of_a_zone_that_changes_its_clocks(self):
        """The times of an import are converted together, a day's offset worked
        out once: on the days the clocks change, each time is converted alone, as
        pytz converts it (the hour that does not exist, the hour that is twice)."""
        self.company.gov_tz = "Europe/Berlin"
        zone = pytz.timezone("Europe/Berlin")
        times = [
            datetime(2026, 3, 28, 23, 59, 59),
            datetime(2026, 3, 29, 1, 59, 59),
            datetime(2026, 3, 29, 2, 30),  # the clocks skip 02:00-03:00
            datetime(2026, 3, 29, 3, 0),
            datetime(2026, 7, 1, 12, 0),
            datetime(2026, 10, 25, 2, 30),  # 02:00-03:00 happens twice
            datetime(2026, 10, 25, 3, 0),
            datetime(2026, 12, 24, 0, 0),
        ]
        expected = [
            zone.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            for local in times
        ]
        self.assertEqual(self.company._gov_to_utc_many(times), expected)
        self.assertEqual(
            self.company._gov_to_utc_many(times)[4],
            datetime(2026, 7, 1, 10, 0),
            "summer time, two hours ahead of UTC",
        )

    def test_working_days_across_a_holiday(self):
        thursday = datetime(2026, 4, 30, 2, 0)  # 10:00 Beijing time
        # Friday 1 May is a holiday, then the weekend: the first working day
        # after Thursday is Monday 4 May, due at its end in Beijing.
        self.assertEqual(
            self.company._gov_add_days(thursday, 1, "working"),
            datetime(2026, 5, 4, 15, 59, 59),
        )
        self.assertEqual(
            self.company._gov_add_days(thursday, 5, "working"),
            datetime(2026, 5, 8, 15, 59, 59),
        )
        self.assertEqual(
            self.company._gov_add_days(thursday, 7, "natural"),
            datetime(2026, 5, 7, 2, 0),
        )
        # Many limits from the same day are planned once and agree one by one.
        starts = [datetime(2026, 4, 30, hour, 0) for hour in (1, 2, 3)]
        limits = self.company._gov_add_days_batch(
            [(start, 1, "working") for start in starts]
        )
        self.assertEqual(set(limits.values()), {datetime(2026, 5, 4, 15, 59, 59)})
