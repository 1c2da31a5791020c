import re
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.gov_rating import tools as gov_tools
from odoo.addons.gov_rating.public import (
    GovPublicError,
    bilingual,
    image_too_large,
    parse_int,
    public_submission,
)

# No 0/O, 1/I/L: a citizen copies the code from a phone screen.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
EVIDENCE_MIMETYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
EVIDENCE_MAX_FILES = 3
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
STATUSES = [
    ("received", "Received, being verified"),
    ("handling", "Being handled by the unit"),
    ("replied", "Replied"),
    ("closed", "Closed"),
]
STATUS_OF_STEP = {
    "new": "received",
    "verify": "received",
    "appeal": "received",
    "closed": "closed",
}


def public_status(order):
    """What a citizen or monitor is told of the progress of ``order``."""
    status = STATUS_OF_STEP.get(order.step, "handling")
    if status == "handling" and order.date_replied:
        status = "replied"
    return status


def normalize_code(value):
    return re.sub(r"[\s-]", "", value or "").upper()


def check_evidence(env, files):
    """Raise a 400/413 GovPublicError unless ``files`` (name, bytes) are at most
    three images (of at most MAX_IMAGE_PIXELS pixels) or PDF files of 5 MB or less
    each."""
    if len(files) > EVIDENCE_MAX_FILES:
        raise GovPublicError(
            bilingual(
                env,
                lambda e: e._(
                    "Attach at most %(count)s files.", count=EVIDENCE_MAX_FILES
                ),
            )
        )
    for name, content in files:
        if len(content) > EVIDENCE_MAX_BYTES:
            raise GovPublicError(
                bilingual(
                    env,
                    lambda e, name=name: e._(
                        "The file %(name)s is larger than 5 MB.", name=name
                    ),
                ),
                status=413,
            )
        mimetype = guess_mimetype(content)
        if mimetype not in EVIDENCE_MIMETYPES:
            raise GovPublicError(
                bilingual(
                    env,
                    lambda e, name=name: e._(
                        "The file %(name)s is not a JPEG, PNG or WebP image or a "
                        "PDF file.",
                        name=name,
                    ),
                ),
                status=415,
            )
        if mimetype.startswith("image/") and image_too_large(content):
            raise GovPublicError(
                bilingual(
                    env,
                    lambda e, name=name: e._(
                        "The image %(name)s cannot be read or has too many pixels.",
                        name=name,
                    ),
                ),
                status=413,
            )


class GovComplaint(models.Model):
    """A complaint filed on the 24-hour online desk (网上投诉). It opens a work order
    dispatched to the unit concerned; the citizen follows it with a tracking code."""

    _name = "gov.complaint"
    _inherit = [
        "gov.history.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "gov.identity.mixin",
        "gov.deadline.mixin",
    ]
    _description = "Online Complaint"
    _order = "id desc"
    _gov_identity_fields = ("contact_name", "contact_phone")
    _gov_subject_field = "order_id.employee_id"
    _gov_free_text_fields = ("description",)

    name = fields.Char(string="Subject", required=True, readonly=True)
    code = fields.Char(
        string="Tracking Code",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: self._new_code(),
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit Concerned", required=True, readonly=True
    )
    official_name = fields.Char(
        string="Official Concerned",
        readonly=True,
        help="As the citizen named them: the work order links the staff member.",
    )
    description = fields.Text(string="What Happened", required=True, readonly=True)
    anonymous = fields.Boolean(readonly=True)
    contact_name = fields.Char(readonly=True, groups="gov_rating.group_gov_identity")
    contact_phone = fields.Char(readonly=True, groups="gov_rating.group_gov_identity")
    contact_masked = fields.Char(
        string="Contact", compute="_compute_contact_masked", compute_sudo=True
    )
    order_id = fields.Many2one(
        "gov.rectify.order",
        string="Work Order",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
    )
    status = fields.Selection(
        STATUSES, compute="_compute_status", store=True, index=True
    )
    reply_text = fields.Text(
        string="Reply", compute="_compute_reply", compute_sudo=True
    )
    date_replied = fields.Datetime(related="order_id.date_replied")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    submission_key = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        groups="base.group_system",
        help="The one-time key of the form it was filed with: posting the same form "
        "twice files one complaint.",
    )
    # Publication of the handling result (gov_publish lists the published ones).
    is_published = fields.Boolean(
        string="Result Published", readonly=True, copy=False, tracking=True
    )
    published_result = fields.Text(
        tracking=True,
        help="The handling result as published: no name, phone or other private "
        "data.",
    )
    date_published = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A tracking code is used once."),
        (
            "submission_key_unique",
            "unique(submission_key)",
            "A complaint form is filed once.",
        ),
    ]

    @api.model
    def _new_code(self):
        return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))

    @api.depends("anonymous", "contact_name", "contact_phone")
    def _compute_contact_masked(self):
        for complaint in self:
            if complaint.anonymous:
                complaint.contact_masked = self.env._("Anonymous")
                continue
            complaint.contact_masked = " ".join(
                part
                for part in (
                    gov_tools.mask_name(complaint.contact_name),
                    gov_tools.mask_phone(complaint.contact_phone),
                )
                if part
            )

    @api.depends("order_id.step", "order_id.date_replied")
    def _compute_status(self):
        for complaint in self:
            complaint.status = public_status(complaint.order_id)

    @api.depends("order_id.reply_text", "order_id.date_replied")
    def _compute_reply(self):
        for complaint in self:
            order = complaint.order_id
            complaint.reply_text = order.date_replied and order.reply_text

    @api.constrains("anonymous", "contact_name", "contact_phone")
    def _check_contact(self):
        for complaint in self.sudo():
            if complaint.anonymous:
                continue
            if not (complaint.contact_name or "").strip():
                raise ValidationError(
                    bilingual(
                        self.env,
                        lambda e: e._(
                            "Give your name and phone number, or file anonymously."
                        ),
                    )
                )
            if not gov_tools.phone_is_valid(complaint.contact_phone or ""):
                raise ValidationError(
                    bilingual(
                        self.env,
                        lambda e: e._(
                            "The phone number is not a valid mobile number "
                            "(11 digits starting with 1)."
                        ),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        for complaint in complaints.filtered(lambda c: not c.order_id):
            complaint.order_id = complaint._open_order()
            # The citizen is answered within the reply time limit, if set.
            complaint._deadline_write(
                self._deadline_vals(complaint.order_id.date_reply_due)
            )
        return complaints

    def write(self, vals):
        if "published_result" in vals:
            self._check_supervisor()
        return super().write(vals)

    def _open_order(self):
        """The work order of this complaint, dispatched to the unit concerned."""
        self.ensure_one()
        me = self.sudo()
        description = me.description
        if me.official_name:
            description = self.env._(
                "%(text)s\n\nOfficial concerned: %(official)s",
                text=description,
                official=me.official_name,
            )
        return (
            self.env["gov.rectify.order"]
            .sudo()
            .create(
                {
                    "source": "complaint",
                    "department_id": me.department_id.id,
                    "description": self.env._(
                        "Online complaint %(code)s: %(subject)s\n%(text)s",
                        code=me.code,
                        subject=me.name,
                        text=description,
                    ),
                    "citizen_name": not me.anonymous and me.contact_name,
                    "citizen_phone": not me.anonymous and me.contact_phone,
                    "company_id": me.company_id.id,
                }
            )
        )

    # ------------------------------------------------------------- deadline
    @api.model
    def _deadline_running_domain(self):
        return [("status", "in", ("received", "handling"))]

    def _deadline_step_name(self):
        return self.env._("Reply to the complaint %(code)s", code=self.code)

    def _deadline_escalation_users(self):
        order = self.order_id
        return order.supervisor_id, order.department_id.manager_id.user_id

    # ------------------------------------------------------------ public desk
    @api.model
    def _public_department(self, department_id):
        """The active public service unit of the id a public form sent, or an
        empty recordset."""
        department_id = parse_int(department_id)
        Department = self.env["hr.department"].sudo()
        if department_id is None:
            return Department
        return (
            Department.browse(department_id)
            .exists()
            .filtered(lambda d: d.active and d.gov_public_service)
        )

    @api.model
    def _submit_public(self, values, files, source):
        """File a complaint from the public form: the rate limit first, then every
        check, then the complaint, its work order and its evidence, all or nothing.
        Only complaints that pass the checks count toward the limit.
        ``files`` are (name, bytes); ``source`` is the visitor's address."""
        key = values.get("submission_key") or ""
        if re.fullmatch(r"[0-9a-f]{32}", key):
            filed = self.sudo().search([("submission_key", "=", key)], limit=1)
            if filed:
                return filed
        else:
            key = False
        RateLimit = self.env["gov.rate.limit"]
        RateLimit._hit("complaint", source, count=False)
        vals = dict(self._parse_public_values(values), submission_key=key)
        check_evidence(self.env, files)
        RateLimit._hit("complaint", source)
        with public_submission(self.env):
            complaint = self.sudo().create(vals)
            complaint.order_id.message_post(
                body=self.env._("Filed on the online complaint desk."),
                attachments=list(files),
                subtype_xmlid="mail.mt_note",
            )
        return complaint

    @api.model
    def _parse_public_values(self, values):
        def text(key, size):
            return (values.get(key) or "").strip()[:size]

        subject, description = text("subject", 120), text("description", 5000)
        if not subject or len(description) < 10:
            raise GovPublicError(
                bilingual(
                    self.env,
                    lambda e: e._(
                        "Give a subject and describe what happened "
                        "(at least 10 characters)."
                    ),
                ),
                status=422,
            )
        department = self._public_department(values.get("department_id"))
        if not department:
            raise GovPublicError(
                bilingual(
                    self.env, lambda e: e._("Choose the unit your complaint is about.")
                ),
                status=422,
            )
        anonymous = bool(values.get("anonymous"))
        vals = {
            "name": subject,
            "description": description,
            "department_id": department.id,
            "official_name": text("official_name", 60),
            "anonymous": anonymous,
        }
        if not anonymous:
            vals["contact_name"] = text("contact_name", 60)
            vals["contact_phone"] = gov_tools.normalize_phone(text("contact_phone", 20))
            try:
                self.new(vals)._check_contact()
            except ValidationError as error:
                raise GovPublicError(error.args[0], status=422) from error
        return vals

    @api.model
    def _new_submission_key(self):
        return secrets.token_hex(16)

    def _public_summary(self):
        """All a citizen holding the tracking code is shown: no contact data."""
        self.ensure_one()
        me = self.sudo()
        company = self.env.company.sudo()
        return {
            "code": me.code,
            "subject": me.name,
            "department": me.department_id.name,
            "date": me.create_date,
            "tz": company.gov_tz,
            "status": me.status,
            "status_label": dict(
                self._fields["status"]._description_selection(self.env)
            )[me.status],
            "reply": me.reply_text,
            "date_replied": me.date_replied
            and company._gov_local_date(me.date_replied),
        }

    @api.model
    def _find_by_code(self, code, source):
        """The complaint of a tracking code, for its citizen; wrong codes count
        against the visitor's address so that codes cannot be guessed."""
        RateLimit = self.env["gov.rate.limit"]
        RateLimit._hit("track_miss", source, count=False)
        code = normalize_code(code)
        complaint = (
            self.sudo().search([("code", "=", code)], limit=1)
            if len(code) == CODE_LENGTH
            else self.browse()
        )
        if not complaint:
            RateLimit._hit("track_miss", source)
            raise GovPublicError(
                bilingual(
                    self.env,
                    lambda e: e._(
                        "No complaint has this tracking code: check the 12 letters "
                        "and digits on your receipt."
                    ),
                ),
                status=404,
            )
        return complaint

    # --------------------------------------------------------- publication
    def _check_supervisor(self):
        if not (
            self.env.su or self.env.user.has_group("gov_rating.group_gov_supervisor")
        ):
            raise AccessError(
                self.env._("Only a supervisor publishes the result of a complaint.")
            )

    def action_publish(self):
        self._check_supervisor()
        for complaint in self:
            if not complaint.order_id.date_replied:
                raise UserError(
                    self.env._(
                        "The complaint %(code)s has no reply yet: there is no result "
                        "to publish.",
                        code=complaint.code,
                    )
                )
            if not (complaint.published_result or "").strip():
                complaint.published_result = complaint.reply_text
        self.sudo().write(
            {"is_published": True, "date_published": fields.Datetime.now()}
        )
        return True

    def action_unpublish(self):
        self._check_supervisor()
        self.sudo().write({"is_published": False, "date_published": False})
        return True
