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
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.place.mixin"]
    _description = "Suggestion"
    _order = "date_received desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    source = fields.Selection(
        SOURCES, string="Received By", required=True, default="paper", tracking=True
    )
    date_received = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    subject = fields.Char(required=True, tracking=True)
    content = fields.Text(required=True)
    department_id = fields.Many2one(string="Unit Concerned")
    # Who wrote: optional, never published, read by those who handle it.
    contact_name = fields.Char(groups="gov_rating.group_gov_handler")
    contact_phone = fields.Char(groups="gov_rating.group_gov_handler")
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
