import hashlib
import secrets
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
    """Submissions counted per source (IP address, phone, device...) and period,
    one row per submission: the row takes one of the ``limit`` numbered places of its
    source and period (a unique index), so a source never gets more than its limit,
    however many of its submissions run at once, and no row is ever updated (a hall
    full of citizens behind one address does not queue on one counter). The source
    is stored as a SHA-256 digest. An address is counted by its source: a hall's
    shared network as a whole (with the hall-sized limit), an IPv6 address by its
    /64, an IPv4 address alone; a device is counted by its key, never by the
    address of its hall. Other modules add their kinds by extending ``_limits``.
    Old rows are removed by the autovacuum cron."""

    _name = "gov.rate.limit"
    _description = "Rating Rate Limit Counter"
    _log_access = False

    key = fields.Char(required=True)
    bucket = fields.Integer(required=True)
    slot = fields.Integer(required=True, default=1)
    expires = fields.Datetime(required=True, index=True)

    _sql_constraints = [
        (
            "key_bucket_slot_unique",
            "unique(key, bucket, slot)",
            "One submission a place of a source's period.",
        )
    ]

    def init(self):
        # Counters of the time one row counted all the submissions of a period.
        self.env.cr.execute(
            """
            ALTER TABLE gov_rate_limit
                DROP CONSTRAINT IF EXISTS gov_rate_limit_key_bucket_unique;
            ALTER TABLE gov_rate_limit DROP COLUMN IF EXISTS count;
            """
        )

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
        expires = utc_now + timedelta(seconds=period)
        cr = self.env.cr
        while True:
            cr.execute(
                "SELECT slot FROM gov_rate_limit WHERE key = %s AND bucket = %s",
                (key, bucket),
            )
            taken = {slot for (slot,) in cr.fetchall()}
            if len(taken) >= limit:
                self._raise_limited(kind, limit, period, int(period - now % period))
            if not count:
                return
            cr.execute(
                """
                INSERT INTO gov_rate_limit (key, bucket, slot, expires)
                     VALUES (%s, %s, %s, %s)
                ON CONFLICT DO NOTHING
                  RETURNING id
                """,
                (key, bucket, self._free_slot(taken, limit), expires),
            )
            if cr.fetchone():
                return

    @api.model
    def _free_slot(self, taken, limit):
        """A place of 1 … ``limit`` not in ``taken``, drawn at random: submissions
        at once rarely draw the same one (the later of two that do waits for the
        first, then Odoo retries its request, which sees the place taken)."""
        for __ in range(8):
            slot = secrets.randbelow(limit) + 1
            if slot not in taken:
                return slot
        return min(set(range(1, limit + 1)) - taken)

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
