from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gov_rating.public import (
    GovPublicError,
    bilingual,
    public_submission,
)

from .gov_complaint import STATUSES, check_evidence, public_status

STATES = [
    ("submitted", "Submitted"),
    ("dispatched", "Real problem: dispatched"),
    ("not_problem", "Not a problem"),
    ("duplicate", "Duplicate"),
]


class GovMonitorReport(models.Model):
    """A monitoring report: a problem an appointed monitor found at a unit. The
    centre classifies it and dispatches the real problems as work orders."""

    _name = "gov.monitor.report"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Monitoring Report"
    _order = "id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    monitor_id = fields.Many2one(
        "gov.monitor",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        context={"active_test": False},
    )
    user_id = fields.Many2one(
        related="monitor_id.user_id", string="Monitor User", store=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, readonly=True, index=True
    )
    problem = fields.Text(string="Problem Found", required=True, readonly=True)
    date = fields.Date(
        string="Observed On",
        required=True,
        readonly=True,
        default=lambda self: self.env.company._gov_today(),
    )
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Evidence",
        domain=[("res_model", "=", "gov.monitor.report")],
        readonly=True,
    )
    state = fields.Selection(
        STATES,
        string="Classification",
        required=True,
        default="submitted",
        readonly=True,
        tracking=True,
        index=True,
    )
    duplicate_of_id = fields.Many2one(
        "gov.monitor.report",
        domain="[('id', '!=', id), ('state', '!=', 'duplicate')]",
    )
    classification_note = fields.Text(
        string="Note to the Monitor",
        tracking=True,
        help="Why the report was classified so: the monitor reads it.",
    )
    order_id = fields.Many2one(
        "gov.rectify.order", string="Work Order", readonly=True, copy=False
    )
    order_status = fields.Selection(
        STATUSES,
        string="Handling",
        compute="_compute_order_status",
        compute_sudo=True,
    )
    reply_text = fields.Text(
        string="Reply of the Unit", compute="_compute_order_status", compute_sudo=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("order_id.step", "order_id.date_replied", "order_id.reply_text")
    def _compute_order_status(self):
        for report in self:
            order = report.order_id
            report.order_status = order and public_status(order)
            report.reply_text = order.date_replied and order.reply_text

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for report in self:
            report.access_url = f"/my/monitor-reports/{report.id}"
        return res

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("gov.monitor.report")
        return super().create(vals_list)

    # --------------------------------------------------------------- portal
    @api.model
    def _portal_submit(self, values, files):
        """A report filed by the current user from the portal: they must be a
        serving monitor; every check first, then the report and its evidence."""
        monitor = self.env["gov.monitor"]._of_user(self.env.user)
        if not monitor:
            raise AccessError(
                self.env._("Only an appointed monitor files monitoring reports.")
            )
        self.env["gov.rate.limit"]._hit("monitor_report", f"user:{self.env.uid}")
        problem = (values.get("problem") or "").strip()[:5000]
        department = self.env["gov.complaint"]._public_department(
            values.get("department_id")
        )
        if not department or len(problem) < 10:
            raise GovPublicError(
                bilingual(
                    self.env,
                    lambda e: e._(
                        "Choose the unit and describe the problem found "
                        "(at least 10 characters)."
                    ),
                ),
                status=422,
            )
        try:
            date = fields.Date.to_date(values.get("date") or False)
        except ValueError:
            date = None
        today = self.env.company._gov_today()
        if not date or date > today:
            raise GovPublicError(
                bilingual(
                    self.env,
                    lambda e: e._(
                        "Give the day the problem was observed (not later "
                        "than today)."
                    ),
                ),
                status=422,
            )
        check_evidence(self.env, files)
        with public_submission(self.env):
            report = self.sudo().create(
                {
                    "monitor_id": monitor.id,
                    "department_id": department.id,
                    "problem": problem,
                    "date": date,
                }
            )
            # Portal users download attachments with their access token only.
            self.env["ir.attachment"].sudo().create(
                [
                    {
                        "name": name,
                        "raw": content,
                        "res_model": self._name,
                        "res_id": report.id,
                    }
                    for name, content in files
                ]
            ).generate_access_token()
        return report.sudo(False)

    # -------------------------------------------------------- classification
    def _check_classifiable(self):
        if not (
            self.env.su or self.env.user.has_group("gov_rating.group_gov_supervisor")
        ):
            raise AccessError(
                self.env._("Only the centre classifies monitoring reports.")
            )
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    self.env._(
                        "The report %(name)s has been classified already.",
                        name=report.name,
                    )
                )

    def action_dispatch(self):
        """A real problem: a work order dispatched to the unit, with the evidence."""
        self._check_classifiable()
        Order = self.env["gov.rectify.order"].sudo()
        for report in self:
            order = Order.create(
                {
                    "source": "monitor",
                    "department_id": report.department_id.id,
                    "description": self.env._(
                        "Monitoring report %(name)s by %(monitor)s, observed on "
                        "%(date)s:\n%(problem)s",
                        name=report.name,
                        monitor=report.monitor_id.name,
                        date=report.date,
                        problem=report.problem,
                    ),
                    "company_id": report.company_id.id,
                }
            )
            order.message_post(
                body=self.env._("Evidence of the monitoring report."),
                attachments=[(a.name, a.raw) for a in report.attachment_ids.sudo()],
                subtype_xmlid="mail.mt_note",
            )
            report.write({"state": "dispatched", "order_id": order.id})
        return True

    def action_not_problem(self):
        self._check_classifiable()
        if self.filtered(lambda r: not (r.classification_note or "").strip()):
            raise UserError(
                self.env._("Tell the monitor why this is not a problem (the note).")
            )
        self.write({"state": "not_problem"})
        return True

    def action_duplicate(self):
        self._check_classifiable()
        if self.filtered(lambda r: not r.duplicate_of_id):
            raise UserError(self.env._("Choose the report this one duplicates."))
        self.write({"state": "duplicate"})
        return True
