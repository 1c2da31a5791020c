import time
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# kind: (setting, default limit, period in seconds)
LIMITS = {
    "ip": ("gov_rating.limit_ip_per_hour", 30, 3600),
    "phone": ("gov_rating.limit_phone_per_day", 10, 86400),
    "device": ("gov_rating.limit_device_per_minute", 12, 60),
}


class GovRateLimited(UserError):
    """Too many ratings from one source: answered 429."""


class GovRateLimit(models.Model):
    """Counters of public submissions per IP address, phone and device, one row per
    source and period. Old rows are removed by the autovacuum cron."""

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
    def _hit(self, kind, value):
        """Count one submission from ``value``; raise GovRateLimited over the limit."""
        if not value:
            return
        param, default, period = LIMITS[kind]
        limit = int(self.env["ir.config_parameter"].sudo().get_param(param, default))
        if limit <= 0:
            return
        now = time.time()
        bucket = int(now // period)
        expires = fields.Datetime.now() + timedelta(seconds=period)
        self.env.cr.execute(
            """
            INSERT INTO gov_rate_limit (key, bucket, count, expires)
                 VALUES (%s, %s, 1, %s)
            ON CONFLICT (key, bucket) DO UPDATE SET count = gov_rate_limit.count + 1
              RETURNING count
            """,
            (f"{kind}:{value}"[:200], bucket, expires),
        )
        if self.env.cr.fetchone()[0] > limit:
            wait = int(period - now % period) // 60 + 1
            raise GovRateLimited(
                self.env._(
                    "Too many ratings from your %(origin)s: please try again in "
                    "%(minutes)s minute(s).",
                    origin=self._source_label(kind),
                    minutes=wait,
                )
            )

    @api.model
    def _source_label(self, kind):
        return {
            "ip": self.env._("network"),
            "phone": self.env._("phone"),
            "device": self.env._("device"),
        }[kind]

    @api.autovacuum
    def _gc_expired(self):
        self.env.cr.execute(
            "DELETE FROM gov_rate_limit WHERE expires < %s", (fields.Datetime.now(),)
        )
