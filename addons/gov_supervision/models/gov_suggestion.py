from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_rating import tools as gov_tools

SOURCES = [
    ("paper", "Paper (suggestion box)"),
    ("mail", "Mail"),
    ("phone", "Phone"),
    ("box", "Website box"),
    ("visit", "In person"),
]
STATES = [
    ("new", "Received"),
    ("handling", "Being handled"),
    ("done", "Answered"),
    ("dropped", "Not pursued"),
]


class GovSuggestion(models.Model):
    """A suggestion received on paper, by mail, by phone or in the website box (意见箱),
    typed in by the centre. Not a rating: it never enters the rating figures."""

    _name = "gov.suggestion"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "gov.place.mixin",
        "gov.identity.mixin",
    ]
    _description = "Suggestion"
    _order = "date_received desc, id desc"
    _gov_identity_fields = ("contact_name", "contact_phone")
    _gov_subject_field = None
    _gov_free_text_fields = ("subject", "content")

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    source = fields.Selection(
        SOURCES, string="Received By", required=True, default="paper", tracking=True
    )
    date_received = fields.Date(
        string="Received On",
        required=True,
        default=lambda self: self.env.company._gov_today(),
    )
    subject = fields.Char(required=True, tracking=True)
    content = fields.Text(required=True)
    department_id = fields.Many2one(string="Unit Concerned")
    # Who wrote: optional, never published, read (and logged) by identity readers.
    contact_name = fields.Char(groups="gov_rating.group_gov_identity")
    contact_phone = fields.Char(groups="gov_rating.group_gov_identity")
    contact_masked = fields.Char(
        string="Contact", compute="_compute_contact_masked", compute_sudo=True
    )
    handling_note = fields.Text(tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Handled By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        STATES, required=True, default="new", tracking=True, index=True
    )
    is_published = fields.Boolean(
        string="Published",
        tracking=True,
        copy=False,
        help="Shown on the public pages (subject, content, unit and handling note; "
        "never the contact).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("contact_name", "contact_phone")
    def _compute_contact_masked(self):
        for suggestion in self:
            parts = [
                gov_tools.mask_name(suggestion.contact_name),
                gov_tools.mask_phone(suggestion.contact_phone),
            ]
            suggestion.contact_masked = " ".join(p for p in parts if p)

    @api.constrains("contact_phone")
    def _check_contact_phone(self):
        for suggestion in self.sudo().filtered("contact_phone"):
            phone = gov_tools.normalize_phone(suggestion.contact_phone)
            if not (phone.isdigit() and 7 <= len(phone) <= 15):
                raise ValidationError(
                    self.env._(
                        "The contact phone is not a phone number (7 to 15 digits)."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("gov.suggestion")
        return super().create(vals_list)

    def action_handle(self):
        self.filtered(lambda s: s.state == "new").state = "handling"

    def action_done(self):
        if self.filtered(lambda s: not (s.handling_note or "").strip()):
            raise UserError(
                self.env._("Write down how the suggestion was handled first.")
            )
        self.state = "done"

    def action_drop(self):
        if self.filtered(lambda s: not (s.handling_note or "").strip()):
            raise UserError(
                self.env._("Write down why the suggestion is not pursued first.")
            )
        self.state = "dropped"

    def action_reopen(self):
        self.state = "handling"
