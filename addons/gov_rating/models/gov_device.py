import hashlib
import secrets

from odoo import api, fields, models
from odoo.tools import consteq

from .gov_rate_limit import GovRateLimited


class GovDevice(models.Model):
    _name = "gov.device"
    _description = "Rating Device"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    window_id = fields.Many2one("gov.window", index=True)
    hall_id = fields.Many2one("gov.hall", required=True, index=True)
    response_interval = fields.Integer(
        string="Response Interval (s)",
        default=5,
        help="Two ratings from this device closer than this are refused and flagged.",
    )
    active = fields.Boolean(default=True)
    api_key_hash = fields.Char(
        string="API Key Hash",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="base.group_system",
    )
    has_api_key = fields.Boolean(
        string="Has an API Key", compute="_compute_has_api_key"
    )
    pending_case_id = fields.Many2one(
        "gov.case",
        string="Case on Screen",
        readonly=True,
        help="The case the device shows the rating page for, pushed by the counter.",
    )
    last_rating_date = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A device code is used once."),
        (
            "interval_positive",
            "CHECK(response_interval >= 0)",
            "The response interval cannot be negative.",
        ),
    ]

    def _compute_has_api_key(self):
        for device in self:
            device.has_api_key = bool(device.sudo().api_key_hash)

    def action_generate_api_key(self):
        """A new key, shown once; only its hash is kept. The old key stops working."""
        self.ensure_one()
        key = secrets.token_urlsafe(32)
        self.sudo().api_key_hash = hashlib.sha256(key.encode()).hexdigest()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("API key of %(device)s", device=self.name),
                "message": self.env._(
                    "Copy it into the device now; it is not shown again: %(key)s",
                    key=key,
                ),
                "sticky": True,
                "type": "warning",
            },
        }

    @api.model
    def _find_by_api_key(self, key):
        """The active device holding ``key``, or an empty recordset."""
        if not isinstance(key, str) or not 20 <= len(key) <= 100:
            return self.browse()
        digest = hashlib.sha256(key.encode()).hexdigest()
        device = self.sudo().search([("api_key_hash", "=", digest)], limit=1)
        if device and consteq(device.api_key_hash, digest):
            return device
        return self.browse()

    def _lock(self):
        self.env.cr.execute(
            "SELECT id FROM gov_device WHERE id = %s FOR UPDATE", (self.id,)
        )
        self.invalidate_recordset()

    def _api_state(self):
        """What the device screen shows: the case to rate (if any), levels, tags."""
        self.ensure_one()
        values = self.env["gov.public.rating"]._page_values("counter")
        case = self.pending_case_id
        return {
            "device": self.code,
            "case": {
                "projectNo": case.name,
                "item": case.item_id.name,
                "staff": case.employee_ids.mapped("name"),
            }
            if case
            else None,
            "levels": [
                {"level": int(level.value), "name": level.name, "face": level.face}
                for level in values["levels"]
            ],
            "tags": [
                {
                    "code": tag.code,
                    "name": tag.name,
                    "levels": [int(v) for v in tag.level_ids.mapped("value")],
                }
                for tag in values["tags"]
            ],
            "responseInterval": self.response_interval,
        }

    def _api_show_case(self, number):
        """Put the rating page of case ``number`` on the device screen."""
        self.ensure_one()
        Public = self.env["gov.public.rating"]
        number = Public._parse_text(number, 64, self.env._("The case number"))
        case = self.env["gov.case"].sudo().search([("name", "=", number)], limit=1)
        if not number or not case:
            Public._refuse(self.env._("Unknown case number."))
        if self.hall_id and case.hall_id and case.hall_id != self.hall_id:
            Public._refuse(self.env._("This case was not handled in this hall."))
        self._lock()
        self.pending_case_id = case
        return self._api_state()

    def _api_rate(self, payload, ip_address):
        """Rate from the device: the case on screen, or the window/hall visit."""
        self.ensure_one()
        Public = self.env["gov.public.rating"]
        self._lock()
        now = fields.Datetime.now()
        if (
            self.last_rating_date
            and (now - self.last_rating_date).total_seconds() < self.response_interval
        ):
            raise GovRateLimited(
                self.env._(
                    "Too fast: this device accepts one rating every %(seconds)s "
                    "seconds.",
                    seconds=self.response_interval,
                )
            )
        vals = {
            "level": Public._parse_level(payload.get("level")),
            "tag_ids": [
                (6, 0, Public._parse_tags(payload.get("tags"), "counter", True).ids)
            ],
            "comment": Public._parse_text(
                payload.get("comment"), 500, self.env._("The comment")
            )
            or False,
        }
        case = self.pending_case_id
        if case:
            vals["case_id"] = case.id
        elif self.window_id:
            vals["window_id"] = self.window_id.id
        else:
            vals["hall_id"] = self.hall_id.id
        evaluation = Public._rate("device", vals, ip_address=ip_address, device=self)
        self.write({"pending_case_id": False, "last_rating_date": now})
        return evaluation
