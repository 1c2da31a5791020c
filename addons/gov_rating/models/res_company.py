from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models


def _to_utc(zone, local):
    """The naive local datetime ``local`` of ``zone`` as naive UTC (pytz's reading
    of a time the clocks skip or repeat)."""
    return zone.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


class ResCompany(models.Model):
    """The centre's calendar: its time zone cuts every day, month and year, and its
    resource calendar with the public holidays counts the working days."""

    _inherit = "res.company"

    gov_tz = fields.Selection(
        "_gov_tz_get",
        string="Centre Time Zone",
        required=True,
        default="Asia/Shanghai",
        help="Days, months and years of the statistics, rankings, warnings and "
        "deadlines are cut at midnight in this time zone; times of the reporting "
        "interfaces are read in it.",
    )

    @api.model
    def _gov_tz_get(self):
        return [(tz, tz) for tz in sorted(pytz.all_timezones)]

    # ------------------------------------------------------------ conversions
    def _gov_zone(self):
        return pytz.timezone((self[:1] or self.env.company).gov_tz or "UTC")

    def _gov_to_local(self, value):
        """A naive UTC datetime as the centre's naive local time (Beijing time in
        the reporting interfaces)."""
        value = fields.Datetime.to_datetime(value)
        local = pytz.utc.localize(value).astimezone(self._gov_zone())
        return local.replace(tzinfo=None)

    def _gov_local_date(self, value):
        """The centre's calendar day of ``value`` (a naive UTC datetime)."""
        return self._gov_to_local(value).date()

    def _gov_today(self):
        return self._gov_local_date(fields.Datetime.now())

    def _gov_to_utc(self, local):
        """A naive local datetime of the centre as the naive UTC datetime Odoo
        stores."""
        return _to_utc(self._gov_zone(), fields.Datetime.to_datetime(local))

    def _gov_to_utc_many(self, values):
        """``_gov_to_utc`` of each of ``values``: the time zone looked up once, and
        the offset from UTC worked out once a day when it is the same from the
        first to the last instant of the day (every day but those the clocks are
        changed on)."""
        zone = self._gov_zone()
        offsets = {}

        def to_utc(local):
            day = local.date()
            if day not in offsets:
                first, last = (
                    zone.localize(datetime.combine(day, moment)).utcoffset()
                    for moment in (time.min, time.max)
                )
                offsets[day] = first if first == last else None
            if offsets[day] is not None:
                return local - offsets[day]
            return _to_utc(zone, local)

        return [to_utc(fields.Datetime.to_datetime(local)) for local in values]

    def _gov_day_start(self, day):
        """Midnight starting the local ``day``, as naive UTC."""
        return self._gov_to_utc(datetime.combine(fields.Date.to_date(day), time.min))

    def _gov_day_end(self, day):
        """The last second of the local ``day``, as naive UTC."""
        return self._gov_day_start(day + timedelta(days=1)) - timedelta(seconds=1)

    # ---------------------------------------------------------------- periods
    def _gov_period_bounds(self, day, period):
        """(start, end) of the ``period`` (day, week, month, quarter, year) holding
        the local ``day``, as naive UTC: start included, end excluded."""
        day = fields.Date.to_date(day)
        return self._gov_range_bounds(
            fields.Date.start_of(day, period), fields.Date.end_of(day, period)
        )

    def _gov_range_bounds(self, date_from, date_to):
        """(start, end) of the local days ``date_from`` to ``date_to`` included."""
        last = fields.Date.to_date(date_to)
        return self._gov_day_start(date_from), self._gov_day_start(
            last + timedelta(days=1)
        )

    def _gov_range_domain(self, date_from, date_to, field="date"):
        """Records whose ``field`` falls on the local days ``date_from`` to
        ``date_to`` included."""
        start, end = self._gov_range_bounds(date_from, date_to)
        return [(field, ">=", start), (field, "<", end)]

    # ----------------------------------------------------------- day counting
    def _gov_add_days(self, start, days, day_type="natural"):
        """The time limit of ``days`` natural days after ``start`` (naive UTC), or
        the end of the ``days``-th working day after the local day of ``start`` on
        the company's working time, its global time off being holidays."""
        return self._gov_add_days_batch([(start, days, day_type)])[
            (start, days, day_type)
        ]

    def _gov_add_days_batch(self, requests):
        """{(start, days, day_type): limit} of many time limits: the working-day
        ones are planned once per distinct (local start day, days)."""
        self.ensure_one()
        planned = {}
        limits = {}
        for start, days, day_type in set(requests):
            start_dt = fields.Datetime.to_datetime(start)
            if day_type != "working":
                limits[(start, days, day_type)] = start_dt + timedelta(days=days)
                continue
            key = (self._gov_local_date(start_dt), days)
            if key not in planned:
                planned[key] = self._gov_plan_working_days(*key)
            limits[(start, days, day_type)] = planned[key] or start_dt + timedelta(
                days=days
            )
        return limits

    def _gov_plan_working_days(self, day, days):
        """The end of the ``days``-th working day after the local ``day``, as naive
        UTC, or False without a working time."""
        calendar = self.resource_calendar_id
        if not calendar:
            return False
        found = calendar.plan_days(
            days, self._gov_day_start(day + timedelta(days=1)), compute_leaves=True
        )
        return found and self._gov_day_end(self._gov_local_date(found))
