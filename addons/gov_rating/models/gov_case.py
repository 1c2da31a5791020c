import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import consteq

from .. import bulk, guard, tools

CASE_STATES = [
    ("received", "Received"),
    ("processing", "Processing"),
    ("done", "Completed"),
    ("cancelled", "Cancelled"),
]
CASE_CHANNELS = [
    ("counter", "Counter"),
    ("online", "Online"),
    ("mobile", "Mobile"),
    ("self_service", "Self-service terminal"),
    ("mail", "Post"),
]
# Letters and digits that cannot be mistaken for one another on a receipt.
RATING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RATING_CODE_LENGTH = 6
# Lifted by the code that loads cases nobody is to be invited for (demo data, imports).
NO_INVITATION = "gov.case.no_invitation"


class GovCase(models.Model):
    _name = "gov.case"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.identity.mixin"]
    _description = "Case"
    _order = "date_received desc, id desc"
    _rec_names_search = ["name"]
    _gov_identity_fields = ("applicant_name", "applicant_cert", "applicant_phone")
    _gov_subject_field = None

    name = fields.Char(string="Case Number", required=True, copy=False, tracking=True)
    item_id = fields.Many2one(
        "gov.service.item", string="Service Item", required=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
    )
    region_id = fields.Many2one(
        "gov.region",
        compute="_compute_region_id",
        store=True,
        readonly=False,
        index=True,
    )
    applicant_type = fields.Selection(
        [("person", "Person"), ("company", "Company")], default="person", required=True
    )
    applicant_name = fields.Char(groups="gov_rating.group_gov_identity")
    applicant_cert = fields.Char(
        string="Applicant ID / Credit Code", groups="gov_rating.group_gov_identity"
    )
    applicant_phone = fields.Char(groups="gov_rating.group_gov_identity")
    applicant_masked = fields.Char(
        string="Applicant", compute="_compute_applicant_masked", compute_sudo=True
    )
    hall_id = fields.Many2one("gov.hall", index=True)
    window_id = fields.Many2one("gov.window", index=True)
    seat_id = fields.Many2one("gov.seat", index=True)
    employee_ids = fields.Many2many(
        "hr.employee", string="Staff", help="Everyone who handled the case is rated."
    )
    channel = fields.Selection(CASE_CHANNELS, required=True, default="counter")
    platform_id = fields.Many2one("gov.platform", index=True)
    date_received = fields.Datetime(required=True, default=fields.Datetime.now)
    date_done = fields.Datetime(string="Completed On", copy=False, index=True)
    state = fields.Selection(
        CASE_STATES, required=True, default="received", tracking=True, index=True
    )
    rating_code = fields.Char(
        copy=False,
        readonly=True,
        help="Short code printed on the receipt and sent in the SMS invitation: with "
        "it the applicant rates this case from a counter code.",
    )
    evaluation_ids = fields.One2many("gov.evaluation", "case_id", string="Ratings")
    link_ids = fields.One2many(
        "gov.case.link",
        "case_id",
        string="Rating Links",
        groups="gov_rating.group_gov_supervisor",
    )
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "A case number is used once."),
        (
            "done_has_date",
            "CHECK(state != 'done' OR date_done IS NOT NULL)",
            "A completed case has a completion date.",
        ),
    ]

    def init(self):
        # Cases that existed before the rating code get their own code each,
        # written 10,000 at a time (a province holds millions of cases).
        self.env.cr.execute("SELECT id FROM gov_case WHERE rating_code IS NULL")
        ids = [case_id for (case_id,) in self.env.cr.fetchall()]
        for start in range(0, len(ids), 10000):
            chunk = ids[start : start + 10000]
            self.env.cr.execute(
                """UPDATE gov_case c SET rating_code = v.code
                     FROM unnest(%s::int[], %s::varchar[]) AS v(id, code)
                    WHERE c.id = v.id""",
                (chunk, [self._new_rating_code() for __ in chunk]),
            )

    @api.depends("item_id")
    def _compute_department_id(self):
        for case in self:
            case.department_id = case.department_id or case.item_id.department_id

    @api.depends("hall_id", "department_id")
    def _compute_region_id(self):
        for case in self:
            case.region_id = self._region_of(case.hall_id, case.department_id)

    @api.model
    def _region_of(self, hall, department):
        return hall.region_id or department.gov_region_id or False

    @api.depends("applicant_name", "applicant_cert", "applicant_phone")
    def _compute_applicant_masked(self):
        for case in self:
            parts = [
                tools.mask_name(case.applicant_name),
                tools.mask_phone(case.applicant_phone),
            ]
            case.applicant_masked = " ".join(p for p in parts if p)

    def _compute_evaluation_count(self):
        counts = dict(
            self.env["gov.evaluation"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.evaluation_count = counts.get(case, 0)

    @api.constrains("applicant_cert", "applicant_phone", "applicant_type")
    def _check_applicant_identity(self):
        for case in self.sudo():
            if case.applicant_cert and not tools.cert_kind(case.applicant_cert):
                raise ValidationError(
                    self.env._(
                        "The applicant's ID number or credit code is not valid "
                        "(18 characters with a check digit)."
                    )
                )
            if case.applicant_phone and not tools.phone_is_valid(case.applicant_phone):
                raise ValidationError(
                    self.env._(
                        "The applicant's phone is not an 11-digit mobile number."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._prepare_create_vals(vals_list)
        cases = super().create(vals_list)
        cases.filtered(lambda c: c.state == "done")._on_done()
        return cases

    @api.model
    def _bulk_create(self, vals_list):
        """``create`` in one INSERT per table (gov_rating/bulk.py), for the batches
        of a platform import: the same completion, stored computed fields and
        follow-up; no message (the import makes its cases without tracking)."""
        self._prepare_create_vals(vals_list)
        items = self.env["gov.service.item"].browse(
            {vals["item_id"] for vals in vals_list if vals.get("item_id")}
        )
        halls = self.env["gov.hall"].browse(
            {vals["hall_id"] for vals in vals_list if vals.get("hall_id")}
        )
        items.department_id.fetch(["gov_region_id"])
        halls.fetch(["region_id"])
        for vals in vals_list:
            # As _compute_department_id and _compute_region_id.
            department = (
                self.env["hr.department"].browse(vals.get("department_id"))
                or items.browse(vals.get("item_id")).department_id
            )
            vals["department_id"] = department.id
            if "region_id" not in vals:
                vals["region_id"] = self._region_of(
                    halls.browse(vals.get("hall_id")), department
                ).id
        cases = bulk.insert(self, vals_list, computed=("department_id", "region_id"))
        cases.filtered(lambda c: c.state == "done")._on_done()
        return cases

    @api.model
    def _prepare_create_vals(self, vals_list):
        for vals in vals_list:
            self._normalize_identity(vals)
            vals["rating_code"] = self._new_rating_code()
            if vals.get("state") == "done" and not vals.get("date_done"):
                vals["date_done"] = fields.Datetime.now()

    def write(self, vals):
        self._normalize_identity(vals)
        newly_done = self.browse()
        if vals.get("state") == "done":
            newly_done = self.filtered(lambda c: c.state != "done")
        if newly_done and "date_done" not in vals:
            # Only cases completed now get a completion date: completing a case again
            # (a business system re-sending its status) keeps the first one.
            super(GovCase, newly_done).write({"date_done": fields.Datetime.now()})
        res = super().write(vals)
        newly_done._on_done()
        return res

    @api.model
    def _new_rating_code(self):
        """A random code of the alphabet, from one read of the system's random
        source: the bytes above the highest multiple of the alphabet's size are
        dropped, so that every character is as likely."""
        size = len(RATING_CODE_ALPHABET)
        while True:
            picks = [
                byte % size
                for byte in secrets.token_bytes(2 * RATING_CODE_LENGTH)
                if byte < 256 - 256 % size
            ]
            if len(picks) >= RATING_CODE_LENGTH:
                return "".join(
                    RATING_CODE_ALPHABET[pick] for pick in picks[:RATING_CODE_LENGTH]
                )

    def _gov_proof_matches(self, proof):
        """Whether ``proof`` shows the case is the citizen's: the last four digits of
        the applicant's phone, or the case's rating code."""
        self.ensure_one()
        case = self.sudo()
        proof = (proof or "").strip().upper()
        phone = tools.normalize_phone(case.applicant_phone or "")
        if len(proof) == 4 and proof.isdigit() and len(phone) >= 4:
            return consteq(phone[-4:].encode(), proof.encode())
        code = case.rating_code or ""
        return bool(code) and consteq(code.encode(), proof.encode())

    @api.model
    def _normalize_identity(self, vals):
        if vals.get("applicant_cert"):
            vals["applicant_cert"] = tools.normalize_cert(vals["applicant_cert"])
        if vals.get("applicant_phone"):
            vals["applicant_phone"] = tools.normalize_phone(vals["applicant_phone"])

    def action_done(self):
        self.write({"state": "done"})

    def action_resend_invitation(self):
        """A supervisor sends the open rating links of these cases again, logged in
        the case's history."""
        if not self.env.user.has_group("gov_rating.group_gov_supervisor"):
            raise AccessError(
                self.env._("Only a supervisor sends a rating invitation again.")
            )
        for case in self:
            links = case.sudo().link_ids.filtered(lambda link: link.state == "open")
            if not links:
                raise UserError(
                    self.env._(
                        "Case %(case)s has no open rating link to send again.",
                        case=case.name,
                    )
                )
            links._invite_by_sms()
            case.message_post(
                body=self.env._(
                    "Rating invitation sent again by %(user)s.",
                    user=self.env.user.name,
                )
            )
        return True

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rating.gov_evaluation_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def _on_done(self):
        """Run once when cases are completed: the rating links and invitations."""
        if guard.is_allowed(NO_INVITATION):
            return
        self.env["gov.case.link"]._issue(self)._invite_by_sms()

    @api.model
    def _gov_active_rates(self, field, ids, hierarchical=False, domain=None):
        """主动评价率 of the objects ``ids`` that ``field`` of the case points to:
        completed cases with a first evaluation given by a person / completed cases."""
        done = [("state", "=", "done"), *(domain or [])]
        rated = [
            *done,
            (
                "evaluation_ids",
                "any",
                [
                    ("assess_number", "=", "1"),
                    ("is_default", "=", False),
                    ("validity", "!=", "invalid"),
                ],
            ),
        ]
        counts = {object_id: [0, 0] for object_id in ids}
        if ids:
            selected = tools.object_filter(field, ids, hierarchical)
            for position, case_domain in enumerate((done, rated)):
                groups = self.sudo()._read_group(
                    [*case_domain, selected], [field], ["__count"]
                )
                for record, count in groups:
                    targets = tools.rollup_targets(record, hierarchical)
                    for target in counts.keys() & set(targets):
                        counts[target][position] += count
        return {
            object_id: {
                "done": done_count,
                "rated": rated_count,
                "active_rate": 100.0 * rated_count / done_count if done_count else 0.0,
            }
            for object_id, (done_count, rated_count) in counts.items()
        }

    @api.model
    def _cron_default_ratings(self):
        """Deem unrated completed cases rated at the configured level (if set)."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("gov_rating.default_rating") != "True":
            return
        days = int(params.get_param("gov_rating.default_rating_days", 7))
        level = params.get_param("gov_rating.default_rating_level", "3")
        day_type = params.get_param("gov_rating.default_rating_day_type", "natural")
        now = fields.Datetime.now()
        oldest = now - timedelta(days=days * 3 if day_type == "working" else days)
        candidates = self.search(
            [
                ("state", "=", "done"),
                ("date_done", "<=", now),
                ("date_done", ">=", oldest - timedelta(days=60)),
                ("evaluation_ids", "=", False),
            ]
        )
        vals_list = []
        for company, cases in candidates.grouped("company_id").items():
            limits = company._gov_add_days_batch(
                [(case.date_done, days, day_type) for case in cases]
            )
            vals_list += cases.filtered(
                lambda c, limits=limits: limits[(c.date_done, days, day_type)] <= now
            )._default_rating_vals(level)
        # A system rating has no source to check for fraud.
        self.env["gov.evaluation"]._gateway_create(
            "default", vals_list, fraud_checks=False
        )

    def _default_rating_vals(self, level):
        """The system ratings of these cases: one per staff member involved."""
        vals_list = []
        for case in self:
            for employee in case.employee_ids or [self.env["hr.employee"]]:
                vals_list.append(
                    {
                        "case_id": case.id,
                        "employee_id": employee.id,
                        "level": level,
                    }
                )
        return vals_list
