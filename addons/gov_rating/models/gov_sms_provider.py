import hashlib
import hmac
import logging
import time

import requests

from odoo import api, fields, models
from odoo.tools import consteq

from .. import tools
from ..public import ascii_token

_logger = logging.getLogger(__name__)

# The level words of the national standard, understood in replies whatever the
# language the levels are named in.
LEVEL_WORDS = {
    "非常满意": "5",
    "满意": "4",
    "基本满意": "3",
    "不满意": "2",
    "非常不满意": "1",
}


class GovSmsProvider(models.Model):
    """A Chinese SMS gateway (template-based, signed requests). When one is active,
    Odoo's outgoing SMS go through it instead of IAP."""

    _name = "gov.sms.provider"
    _inherit = ["gov.offsite.mixin"]
    _description = "SMS Gateway"
    _order = "sequence, id"
    _gov_offsite_fields = ("url",)

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    url = fields.Char(
        string="Send URL", required=True, help="The gateway's HTTP(S) endpoint."
    )
    account = fields.Char(string="Account / Access Key", required=True)
    secret = fields.Char(
        required=True,
        groups="base.group_system",
        help="Signs every request (HMAC-SHA256 of account, timestamp and phone).",
    )
    template_code = fields.Char(
        required=True, help="The approved template, with parameters url, case and code."
    )
    sender = fields.Char(
        string="Signature (签名)", required=True, help="The approved sender signature."
    )
    inbound_secret = fields.Char(
        groups="base.group_system",
        help="The gateway sends it in the X-Gov-Token header when it forwards replies.",
    )
    timeout = fields.Integer(string="Timeout (s)", default=10)

    @api.model
    def _current(self):
        return self.sudo().search([], limit=1)

    def _sign(self, timestamp, phone):
        message = f"{self.account}{timestamp}{phone}".encode()
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    def _send_sms(self, sms_records):
        """Send each SMS; returns {sms id: True when the gateway accepted it}."""
        self.ensure_one()
        results = {}
        for sms in sms_records:
            timestamp = str(int(time.time()))
            link = sms.gov_case_link_id.sudo()
            payload = {
                "account": self.account,
                "sender": self.sender,
                "templateCode": self.template_code,
                "phone": sms.number,
                "params": {
                    "url": link.url or "",
                    "case": link.case_id.name or "",
                    "code": link.case_id.rating_code or "",
                },
                "content": sms.body,
                "uuid": sms.uuid,
                "timestamp": timestamp,
                "signature": self._sign(timestamp, sms.number),
            }
            try:
                response = requests.post(self.url, json=payload, timeout=self.timeout)
                accepted = response.ok and response.json().get("code") == "OK"
            except (requests.RequestException, ValueError) as error:
                _logger.info("SMS %s to the gateway failed: %s", sms.uuid, error)
                accepted = False
            results[sms.id] = accepted
        return results

    @api.model
    def _check_inbound_token(self, token):
        provider = self._current()
        token = ascii_token(token)
        return bool(
            provider.inbound_secret
            and token
            and consteq(provider.inbound_secret.encode(), token.encode())
        )

    @api.model
    def _parse_reply(self, text):
        """The level of a reply: a digit 1-5 or a level word, else None."""
        text = (text or "").strip().rstrip("。.!！")
        if text in ("1", "2", "3", "4", "5"):
            return text
        if text in LEVEL_WORDS:
            return LEVEL_WORDS[text]
        names = {
            level.with_context(lang=lang).name.strip().lower(): level.value
            for lang, __ in self.env["res.lang"].get_installed()
            for level in self.env["gov.level"].sudo().search([], limit=5)
        }
        return names.get(text.lower())

    @api.model
    def _receive_reply(self, phone, text):
        """Rate the case last invited to ``phone`` from its reply. Returns the
        ratings created."""
        Public = self.env["gov.public.rating"]
        phone = tools.normalize_phone(phone if isinstance(phone, str) else "")
        if not tools.phone_is_valid(phone):
            Public._refuse(self.env._("The phone is not an 11-digit mobile number."))
        if not isinstance(text, str) or len(text) > 70:
            Public._refuse(self.env._("The reply is not a short text."))
        level = self._parse_reply(text)
        if not level:
            Public._refuse(
                self.env._("Reply with a digit from 1 to 5 or a level word.")
            )
        links = self.env["gov.case.link"].sudo()
        last = links.search(
            [
                ("phone_key", "=", tools.identity_key(phone)),
                ("date_invited", "!=", False),
                ("date_expire", ">=", fields.Datetime.now()),
                ("evaluation_id", "=", False),
            ],
            order="date_invited desc, id desc",
            limit=1,
        )
        open_links = links.search(
            [("case_id", "=", last.case_id.id), ("evaluation_id", "=", False)]
        )
        if not open_links:
            Public._refuse(
                self.env._("There is no case waiting for a rating from this phone.")
            )
        return open_links._rate_by_reply(level, phone)
