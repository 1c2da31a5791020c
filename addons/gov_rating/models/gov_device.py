from odoo import fields, models

from ..public import GovPublicError


class GovDevice(models.Model):
    _name = "gov.device"
    _inherit = ["gov.api.key.mixin"]
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
            raise GovPublicError(
                self.env._(
                    "Too fast: this device accepts one rating every %(seconds)s "
                    "seconds.",
                    seconds=self.response_interval,
                ),
                status=429,
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
