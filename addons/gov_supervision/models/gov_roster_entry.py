from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gov_rating import tools as gov_tools
from odoo.addons.gov_rating.models.gov_level import LEVEL_VALUES
from odoo.addons.gov_rating.public import GovPublicError, bilingual

from .gov_evaluation_dimension import DIMENSIONS

REASON_MAX = 1000
NAME_MAX = 30


class GovRosterEntry(models.Model):
    """An official or a unit on the public roster (效能测评). A supervisor chooses
    who is on it and which fields are published; the public page shows nothing else."""

    _name = "gov.roster.entry"
    _inherit = ["mail.thread"]
    _description = "Public Roster Entry"
    _order = "department_id, entry_type desc, sequence, id"

    entry_type = fields.Selection(
        [("official", "Official"), ("unit", "Unit")],
        string="Type",
        required=True,
        default="official",
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Official", index=True, ondelete="cascade", tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    name = fields.Char(compute="_compute_name", store=True)
    job_title = fields.Char(
        string="Post", compute="_compute_job_title", store=True, readonly=False
    )
    responsibilities = fields.Text(
        help="What the official or unit is responsible for, as the public reads it."
    )
    photo = fields.Image(
        max_width=512,
        max_height=512,
        compute="_compute_photo",
        store=True,
        readonly=False,
    )
    is_published = fields.Boolean(
        string="Published", tracking=True, index=True, copy=False
    )
    publish_name = fields.Boolean(
        default=True,
        help="If not, the page shows the surname followed by asterisks.",
    )
    publish_post = fields.Boolean(default=True)
    publish_responsibilities = fields.Boolean(default=True)
    publish_photo = fields.Boolean()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    gov_index = fields.Float(related="employee_id.gov_index", string="Rating Index")
    roster_rating_count = fields.Integer(
        string="Roster Ratings", compute="_compute_roster_rating_count"
    )

    _sql_constraints = [
        (
            "employee_unique",
            "unique(employee_id)",
            "An official is on the roster once.",
        ),
    ]

    @api.depends("employee_id")
    def _compute_department_id(self):
        for entry in self.filtered("employee_id"):
            entry.department_id = entry.employee_id.department_id

    @api.depends("entry_type", "employee_id.name", "department_id.name")
    def _compute_name(self):
        for entry in self:
            entry.name = (
                entry.employee_id.name
                if entry.entry_type == "official"
                else entry.department_id.name
            )

    @api.depends("employee_id")
    def _compute_job_title(self):
        for entry in self.filtered("employee_id"):
            entry.job_title = entry.employee_id.job_title

    @api.depends("employee_id")
    def _compute_photo(self):
        for entry in self.filtered("employee_id"):
            entry.photo = entry.employee_id.image_512

    def _compute_roster_rating_count(self):
        groups = self.env["gov.evaluation"]._read_group(
            [("channel", "=", "roster"), ("employee_id", "in", self.employee_id.ids)],
            ["employee_id"],
            ["__count"],
        )
        counts = {employee.id: count for employee, count in groups}
        for entry in self:
            entry.roster_rating_count = counts.get(entry.employee_id.id, 0)

    @api.constrains("entry_type", "employee_id", "department_id")
    def _check_object(self):
        for entry in self:
            if entry.entry_type == "official" and not entry.employee_id:
                raise ValidationError(self.env._("Choose the official."))
            if not entry.department_id:
                raise ValidationError(self.env._("Choose the unit."))
            if entry.entry_type == "unit" and self.search_count(
                [
                    ("id", "!=", entry.id),
                    ("entry_type", "=", "unit"),
                    ("department_id", "=", entry.department_id.id),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "%(unit)s is on the roster already.",
                        unit=entry.department_id.name,
                    )
                )

    @api.onchange("entry_type")
    def _onchange_entry_type(self):
        if self.entry_type == "unit":
            self.employee_id = False

    def action_view_roster_ratings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rating.gov_evaluation_action"
        )
        action["domain"] = [
            ("channel", "=", "roster"),
            ("employee_id", "=", self.employee_id.id),
        ]
        action["context"] = {}
        return action

    # ---------------------------------------------------------- public page
    @api.model
    def _roster_published(self, entry_id, official=False):
        """The published entry ``entry_id`` as superuser, or an empty recordset."""
        if not (isinstance(entry_id, int) and 0 < entry_id < 2**31):
            return self.sudo().browse()
        domain = [("id", "=", entry_id), ("is_published", "=", True)]
        if official:
            domain.append(("entry_type", "=", "official"))
        return self.sudo().search(domain, limit=1)

    @api.model
    def _roster_page(self, unit_id=None, page=1, step=12):
        """What the public roster page shows: the units to filter by, the published unit
        card of the chosen unit, and one page of officials, as plain values."""
        Entry = self.sudo()
        published = [("is_published", "=", True)]
        units = [
            {"id": unit.id, "name": unit.name}
            for [unit] in Entry._read_group(published, ["department_id"])
        ]
        unit_ids = {u["id"] for u in units}
        unit_id = unit_id if unit_id in unit_ids else None
        domain = published + [("entry_type", "=", "official")]
        cards = Entry.browse()
        if unit_id:
            domain.append(("department_id", "=", unit_id))
            cards = Entry.search(
                published
                + [("entry_type", "=", "unit"), ("department_id", "=", unit_id)]
            )
        total = Entry.search_count(domain)
        page = max(1, min(page, (total - 1) // step + 1))
        return {
            "units": units,
            "unit_id": unit_id,
            "unit_cards": [card._roster_public_values() for card in cards],
            "total": total,
            "page": page,
            "entries": [
                entry._roster_public_values()
                for entry in Entry.search(domain, offset=(page - 1) * step, limit=step)
            ],
        }

    def _roster_public_values(self):
        """The published fields of this entry and nothing else: the page templates
        render these values, never the record."""
        self.ensure_one()
        name = self.name if self.publish_name else gov_tools.mask_name(self.name)
        return {
            "id": self.id,
            "type": self.entry_type,
            "name": name,
            "unit": self.department_id.name,
            "post": self.publish_post and self.job_title or "",
            "responsibilities": self.publish_responsibilities
            and self.responsibilities
            or "",
            "photo_url": self.publish_photo
            and self.photo
            and f"/gov/roster/{self.id}/photo"
            or "",
        }

    def _roster_photo(self):
        """The photo of this published entry if it is published, else an empty
        recordset: the photo route streams nothing else."""
        self.ensure_one()
        return self.filtered(lambda e: e.is_published and e.publish_photo and e.photo)

    @api.model
    def _roster_form_values(self):
        """The dimensions and levels of the rating form, in the visitor's language."""
        Dimension = self.env["gov.evaluation.dimension"]
        return {
            "dimensions": Dimension._fields["dimension"]._description_selection(
                self.env
            ),
            "levels": [
                {"value": level.value, "name": level.name, "face": level.face or ""}
                for level in self.env["gov.level"].sudo().search([])
            ],
        }

    # -------------------------------------------------------------- rating
    @api.model
    def _roster_error(self, build):
        """The refusal of a public request, in Chinese and in English."""
        return GovPublicError(bilingual(self.env, build, "\n"))

    def _roster_parse_rating(self, form):
        """Validate a citizen's form; return the values of the rating to store."""
        levels = {}
        for dimension, _label in DIMENSIONS:
            level = str(form.get(dimension) or "")
            if level not in {value for value, _name in LEVEL_VALUES}:
                raise self._roster_error(
                    lambda env, d=dimension: env._(
                        "Choose a level for %(dimension)s.",
                        dimension=dict(
                            env["gov.evaluation.dimension"]
                            ._fields["dimension"]
                            ._description_selection(env)
                        )[d],
                    )
                )
            levels[dimension] = level
        reason = " ".join(str(form.get("reason") or "").split())
        if not reason:
            raise self._roster_error(lambda env: env._("Please give a reason."))
        if len(reason) > REASON_MAX:
            raise self._roster_error(
                lambda env: env._(
                    "The reason is too long: at most %(max)s characters.",
                    max=REASON_MAX,
                )
            )
        vals = {"comment": reason, "anonymous": form.get("identity") != "named"}
        if not vals["anonymous"]:
            name = " ".join(str(form.get("name") or "").split())
            phone = gov_tools.normalize_phone(str(form.get("phone") or ""))
            if not name or len(name) > NAME_MAX:
                raise self._roster_error(
                    lambda env: env._(
                        "Give your name (at most %(max)s characters) or rate "
                        "anonymously.",
                        max=NAME_MAX,
                    )
                )
            if not gov_tools.phone_is_valid(phone):
                raise self._roster_error(
                    lambda env: env._("The phone is not an 11-digit mobile number.")
                )
            vals.update(evaluator_name=name, evaluator_phone=phone)
        return levels, vals

    def _roster_hit_rate_limit(self, ip, evaluator_phone=None):
        """Count one rating of this official from ``ip`` (and the phone): one a
        day each (gov.rate.limit kind 'roster')."""
        RateLimit = self.env["gov.rate.limit"].sudo()
        RateLimit._hit("roster", f"{self.employee_id.id}:ip:{ip}")
        if evaluator_phone:
            key = gov_tools.identity_key(evaluator_phone)
            RateLimit._hit("roster", f"{self.employee_id.id}:phone:{key}")

    def _roster_rate(self, form, ip):
        """A citizen's rating of this published official on the three dimensions,
        stored as one gov.evaluation (channel 'roster') whose level is the lowest of
        the three, with the three levels on its dimension lines. Raise GovPublicError
        on bad input or over the daily limit (status 429)."""
        self.ensure_one()
        entry = self.sudo()
        if not (entry.is_published and entry.entry_type == "official"):
            raise self._roster_error(
                lambda env: env._("This official is not on the public roster.")
            )
        levels, vals = entry._roster_parse_rating(form)
        entry._roster_hit_rate_limit(ip, vals.get("evaluator_phone"))
        return self.env["gov.evaluation"]._gateway_create(
            "roster",
            [
                {
                    **vals,
                    "employee_id": entry.employee_id.id,
                    "department_id": entry.department_id.id,
                    "level": min(levels.values()),
                    "company_id": entry.company_id.id,
                    "dimension_ids": [
                        fields.Command.create({"dimension": d, "level": level})
                        for d, level in levels.items()
                    ],
                }
            ],
            ip_address=ip,
        )
