import hashlib
import hmac
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError

PREFIX_SIZE = 8
KEY_MIN, KEY_MAX = 20, 100


def key_digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class GovApiKeyMixin(models.AbstractModel):
    """A secret key a machine sends to call an API as this record. The key is shown
    once when generated; only its SHA-256 digest is kept, with the digest's first
    characters in an indexed column to find the record, and the digests are
    compared in constant time. (The prefix is the digest's, not the key's, so
    that digests kept before the prefix existed are found too.)"""

    _name = "gov.api.key.mixin"
    _description = "Hashed API Key"

    api_key_prefix = fields.Char(
        string="API Key Prefix",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="base.group_system",
    )
    api_key_hash = fields.Char(
        string="API Key Hash",
        copy=False,
        readonly=True,
        groups="base.group_system",
    )
    has_api_key = fields.Boolean(
        string="Has an API Key", compute="_compute_has_api_key"
    )

    @api.depends("api_key_hash")
    def _compute_has_api_key(self):
        for record in self:
            record.has_api_key = bool(record.sudo().api_key_hash)

    def action_generate_api_key(self):
        """A new key, shown once; only its digest is kept. The old key stops
        working. Only a rating manager generates keys."""
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group("gov_rating.group_gov_manager")):
            raise AccessError(self.env._("Only a rating manager generates API keys."))
        key = secrets.token_urlsafe(32)
        digest = key_digest(key)
        self.sudo().write(
            {"api_key_prefix": digest[:PREFIX_SIZE], "api_key_hash": digest}
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("API key of %(name)s", name=self.display_name),
                "message": self.env._(
                    "Copy it into the system now; it is not shown again: %(key)s",
                    key=key,
                ),
                "sticky": True,
                "type": "warning",
            },
        }

    @api.model
    def _find_by_api_key(self, key):
        """The active record holding ``key`` (as superuser), or an empty recordset."""
        if not (
            isinstance(key, str) and key.isascii() and KEY_MIN <= len(key) <= KEY_MAX
        ):
            return self.browse()
        digest = key_digest(key).encode()
        candidates = self.sudo().search(
            [("api_key_prefix", "=", digest[:PREFIX_SIZE].decode())]
        )
        for record in candidates:
            if hmac.compare_digest((record.api_key_hash or "").encode(), digest):
                return record
        return self.browse()
