import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# kind: (setting, default limit, period in seconds)
LIMITS = {
    "complaint": ("gov_rectify.complaint_limit_per_hour", 5, 3600),
    "track_miss": ("gov_rectify.track_miss_limit_per_hour", 10, 3600),
    "monitor_report": ("gov_rectify.monitor_report_limit_per_day", 20, 86400),
}


class GovPublicError(UserError):
    """Bad input on a public page: the visitor gets ``status`` and the message."""

    status = 400

    def __init__(self, message, status=None):
        super().__init__(message)
        if status:
            self.status = status


def bilingual(env, message):
    """``message(env)`` in Chinese and in English, for visitors of either site."""
    installed = dict(env["res.lang"].get_installed())
    texts = []
    for lang in [code for code in ("zh_CN", "en_US") if code in installed]:
        text = message(env(context=dict(env.context, lang=lang)))
        if text not in texts:
            texts.append(text)
    return " / ".join(texts)


class GovComplaintThrottle(models.Model):
    """One row per public submission or failed look-up, by a hash of its source
    address: the rate limits of the complaint desk count them. Rows older than the
    longest period are removed by the autovacuum."""

    _name = "gov.complaint.throttle"
    _description = "Complaint Desk Rate Limit Hit"
    _log_access = False
    _order = "id desc"

    kind = fields.Selection(
        [
            ("complaint", "Complaint"),
            ("track_miss", "Wrong tracking code"),
            ("monitor_report", "Monitoring report"),
        ],
        required=True,
    )
    source = fields.Char(required=True, help="SHA-256 of the address or user.")
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    def init(self):
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS gov_complaint_throttle_lookup_idx
                ON gov_complaint_throttle (kind, source, date)
            """
        )

    @api.model
    def _check(self, kind, source, count=True):
        """Raise a 429 GovPublicError when ``source`` is over the limit of ``kind``;
        with ``count``, record this hit first."""
        param, default, period = LIMITS[kind]
        limit = int(self.env["ir.config_parameter"].sudo().get_param(param, default))
        if limit <= 0:
            return
        key = hashlib.sha256(f"{kind}:{source}".encode()).hexdigest()
        since = fields.Datetime.now() - timedelta(seconds=period)
        hits = self.sudo().search_count(
            [("kind", "=", kind), ("source", "=", key), ("date", ">=", since)]
        )
        if hits >= limit:
            hours = period // 3600
            raise GovPublicError(
                bilingual(
                    self.env,
                    lambda env: env._(
                        "Too many attempts from your network: at most %(limit)s in "
                        "%(hours)s hour(s). Please try again later, or call the "
                        "12345 hotline.",
                        limit=limit,
                        hours=hours,
                    ),
                ),
                status=429,
            )
        if count:
            self.sudo().create({"kind": kind, "source": key})

    @api.autovacuum
    def _gc_old_hits(self):
        longest = max(period for _param, _default, period in LIMITS.values())
        self.sudo().search(
            [("date", "<", fields.Datetime.now() - timedelta(seconds=longest))]
        ).unlink()
