import hashlib
import json
import logging
import threading
from datetime import timedelta

import requests

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class GovExchangeOutbox(models.Model):
    """A rating to push to a provincial platform: queued in the transaction that
    created the rating, sent by a cron, retried with back-off, sent once.

    The idempotency key is sent with every attempt, so a platform that received a
    request whose answer was lost recognises the retry."""

    _name = "gov.exchange.outbox"
    _description = "Outbox to Provincial Platforms"
    _order = "id desc"
    _rec_name = "idempotency_key"

    platform_id = fields.Many2one(
        "gov.platform", required=True, readonly=True, index=True, ondelete="restrict"
    )
    evaluation_id = fields.Many2one(
        "gov.evaluation", required=True, readonly=True, index=True, ondelete="restrict"
    )
    idempotency_key = fields.Char(required=True, readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed")],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    next_attempt = fields.Datetime(
        readonly=True, index=True, default=fields.Datetime.now
    )
    sent_date = fields.Datetime(readonly=True)
    last_status = fields.Integer(string="Last HTTP Status", readonly=True)
    last_error = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "one_per_platform",
            "unique(platform_id, evaluation_id)",
            "A rating is queued once for a platform.",
        ),
        ("key_unique", "unique(idempotency_key)", "An idempotency key is unique."),
    ]

    @api.model
    def _enqueue(self, evaluations):
        platforms = self.env["gov.platform"].search(
            [("gov_push_enabled", "=", True), ("platform_type", "=", "provincial")]
        )
        if not platforms or not evaluations:
            return self.browse()
        return self.create(
            [
                {
                    "platform_id": platform.id,
                    "evaluation_id": evaluation.id,
                    "idempotency_key": hashlib.sha256(
                        f"{platform.code}/{evaluation.name}/{evaluation.id}".encode()
                    ).hexdigest(),
                }
                for platform in platforms
                for evaluation in evaluations
            ]
        )

    @api.model
    def _max_attempts(self):
        params = self.env["ir.config_parameter"].sudo()
        return int(params.get_param("gov_publish.push_max_attempts", 8))

    @api.model
    def _cron_send(self, limit=200):
        """Send the due pushes, each once; rows locked by another worker are skipped."""
        self.flush_model(["state", "next_attempt"])
        self.env.cr.execute(
            """
            SELECT id FROM gov_exchange_outbox
             WHERE state = 'pending' AND next_attempt <= %s
             ORDER BY next_attempt, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            [fields.Datetime.now(), limit],
        )
        due = self.browse([row[0] for row in self.env.cr.fetchall()])
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        for entry in due:
            entry._send()
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return len(due)

    def _send(self):
        self.ensure_one()
        platform = self.platform_id.sudo()
        [payload] = self.evaluation_id._gov_interface_records(
            platform.gov_level_convention
        )
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": self.idempotency_key,
        }
        if platform.gov_push_token:
            headers["Authorization"] = f"Bearer {platform.gov_push_token}"
        status, error = 0, False
        try:
            response = requests.post(
                platform.gov_push_url,
                data=json.dumps(payload, ensure_ascii=False).encode(),
                headers=headers,
                timeout=platform.gov_push_timeout or 10,
            )
            status = response.status_code
            if not 200 <= status < 300:
                # The endpoint's own words are never shown back: its status only.
                error = f"HTTP {status}"
        except (requests.RequestException, ValueError) as exc:
            error = type(exc).__name__
        attempts = self.attempt_count + 1
        if not error:
            self.write(
                {
                    "state": "sent",
                    "attempt_count": attempts,
                    "sent_date": fields.Datetime.now(),
                    "last_status": status,
                    "last_error": False,
                }
            )
            return True
        _logger.info(
            "Push %s to %s failed (attempt %s): %s",
            self.idempotency_key[:12],
            platform.code,
            attempts,
            error,
        )
        self.write(
            {
                "state": "failed" if attempts >= self._max_attempts() else "pending",
                "attempt_count": attempts,
                "last_status": status,
                "last_error": error,
                "next_attempt": fields.Datetime.now()
                + timedelta(minutes=2 ** min(attempts, 10)),
            }
        )
        return False

    def action_retry(self):
        """Send failed pushes again (same idempotency key)."""
        self.filtered(lambda e: e.state != "sent").write(
            {"state": "pending", "next_attempt": fields.Datetime.now()}
        )
