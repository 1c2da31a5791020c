import hashlib
import time
from datetime import timedelta

from odoo import api, fields, models

from ..public import GovPublicError, bilingual

# kind: (setting, default limit, period in seconds)
LIMITS = {
    "ip": ("gov_rating.limit_ip_per_hour", 30, 3600),
    "phone": ("gov_rating.limit_phone_per_day", 10, 86400),
    "device": ("gov_rating.limit_device_per_minute", 12, 60),
    # One rating of an official on the public roster per address (and phone).
    "roster": ("gov_rating.roster_ratings_per_day", 1, 86400),
    "shared_network": ("gov_rating.limit_shared_network_per_hour", 600, 3600),
}


class GovRateLimit(models.Model):
    """Counters of public submissions per source (IP address, phone, device...),
    one row per kind, source and period; the source is stored as a SHA-256 digest.
    An address is counted by its source: a hall's shared network as a whole (with
    the hall-sized limit), an IPv6 address by its /64, an IPv4 address alone; a
    device is counted by its key, never by the address of its hall.
    Other modules add their kinds by extending ``_limits``. Old rows are removed by
    the autovacuum cron."""

    _name = "gov.rate.limit"
    _description = "Rating Rate Limit Counter"
    _log_access = False

    key = fields.Char(required=True)
    bucket = fields.Integer(required=True)
    count = fields.Integer(required=True, default=0)
    expires = fields.Datetime(required=True, index=True)

    _sql_constraints = [
        ("key_bucket_unique", "unique(key, bucket)", "One counter a source and period.")
    ]

    @api.model
    def _limits(self):
        """{kind: (setting, default limit, period in seconds)}"""
        return dict(LIMITS)

    @api.model
    def _hit(self, kind, value, count=True):
        """Count one submission from ``value``; raise (``_raise_limited``) over the
        limit. Without ``count``, only check that ``value`` is not over it yet."""
        if not value:
            return
        if kind == "ip":
            kind, value = self.env["gov.shared.network"]._source_of(value)
        param, default, period = self._limits()[kind]
        limit = int(self.env["ir.config_parameter"].sudo().get_param(param, default))
        if limit <= 0:
            return
        # Periods start at the centre's local hours and midnight, not UTC's.
        utc_now = fields.Datetime.now()
        local_now = self.env.company.sudo()._gov_to_local(utc_now)
        now = time.time() + (local_now - utc_now).total_seconds()
        bucket = int(now // period)
        key = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()
        if count:
            expires = fields.Datetime.now() + timedelta(seconds=period)
            self.env.cr.execute(
                """
                INSERT INTO gov_rate_limit (key, bucket, count, expires)
                     VALUES (%s, %s, 1, %s)
                ON CONFLICT (key, bucket) DO UPDATE SET count = gov_rate_limit.count + 1
                  RETURNING count
                """,
                (key, bucket, expires),
            )
            over = self.env.cr.fetchone()[0] > limit
        else:
            self.env.cr.execute(
                "SELECT count FROM gov_rate_limit WHERE key = %s AND bucket = %s",
                (key, bucket),
            )
            row = self.env.cr.fetchone()
            over = bool(row) and row[0] >= limit
        if over:
            self._raise_limited(kind, limit, period, int(period - now % period))

    @api.model
    def _raise_limited(self, kind, limit, period, wait):
        """Raise the error (status 429) a visitor over ``limit`` hits of ``kind``
        a ``period`` gets; ``wait`` is the number of seconds until the counter
        restarts."""
        if kind == "roster":
            raise GovPublicError(
                bilingual(
                    self.env,
                    lambda env: env._(
                        "You have rated this official already today. Please come "
                        "back tomorrow."
                    ),
                    "\n",
                ),
                status=429,
            )
        raise GovPublicError(
            self.env._(
                "Too many ratings from your %(origin)s: please try again in "
                "%(minutes)s minute(s).",
                origin=self._source_label(kind),
                minutes=wait // 60 + 1,
            ),
            status=429,
        )

    @api.model
    def _source_label(self, kind):
        return {
            "ip": self.env._("network"),
            "phone": self.env._("phone"),
            "device": self.env._("device"),
            "shared_network": self.env._("hall's network"),
        }[kind]

    @api.autovacuum
    def _gc_expired(self):
        self.env.cr.execute(
            "DELETE FROM gov_rate_limit WHERE expires < %s", (fields.Datetime.now(),)
        )
