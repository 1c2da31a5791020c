from odoo import api, models

from odoo.addons.gov_rating.public import GovPublicError, bilingual

# kind: (setting, default limit, period in seconds)
LIMITS = {
    "complaint": ("gov_rectify.complaint_limit_per_hour", 5, 3600),
    "track_miss": ("gov_rectify.track_miss_limit_per_hour", 10, 3600),
    "monitor_report": ("gov_rectify.monitor_report_limit_per_day", 20, 86400),
}


class GovRateLimit(models.Model):
    """The complaint desk and the monitoring reports count their submissions and
    failed look-ups with the rating rate limits."""

    _inherit = "gov.rate.limit"

    @api.model
    def _limits(self):
        return dict(super()._limits(), **LIMITS)

    @api.model
    def _raise_limited(self, kind, limit, period, wait):
        if kind not in LIMITS:
            return super()._raise_limited(kind, limit, period, wait)
        raise GovPublicError(
            bilingual(
                self.env,
                lambda env: env._(
                    "Too many attempts from your network: at most %(limit)s in "
                    "%(hours)s hour(s). Please try again later, or call the "
                    "12345 hotline.",
                    limit=limit,
                    hours=period // 3600,
                ),
            ),
            status=429,
        )
