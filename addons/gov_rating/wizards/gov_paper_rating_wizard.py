from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.gov_level import LEVEL_VALUES


class GovPaperRatingWizard(models.TransientModel):
    """Type in a paper rating form (纸质评价表) filled in by a citizen: the user who
    enters it is recorded, the scanned form is kept with the rating, and nobody
    enters a form about a case they handled or about themselves."""

    _name = "gov.paper.rating.wizard"
    _description = "Enter a Paper Rating Form"

    case_number = fields.Char(required=True)
    case_id = fields.Many2one(
        "gov.case", compute="_compute_case_id", store=True, compute_sudo=True
    )
    case_summary = fields.Char(
        string="Service", compute="_compute_case_details", compute_sudo=True
    )
    case_staff_ids = fields.Many2many(
        "hr.employee", compute="_compute_case_details", compute_sudo=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Staff",
        domain="[('id', 'in', case_staff_ids)]",
        help="The staff member the form rates, one of those who handled the case.",
    )
    level = fields.Selection(LEVEL_VALUES, required=True)
    tag_set_id = fields.Many2one("gov.tag.set", compute="_compute_tag_set_id")
    tag_ids = fields.Many2many(
        "gov.tag",
        string="Tags",
        domain="[('tag_set_id', '=', tag_set_id), '|', ('level_ids', '=', False), "
        "('level_ids.value', '=', level)]",
    )
    comment = fields.Text()
    scan = fields.Binary(string="Scanned Form", attachment=False)
    scan_name = fields.Char(string="File Name")

    @api.depends("case_number")
    def _compute_case_id(self):
        Case = self.env["gov.case"].sudo()
        for wizard in self:
            number = (wizard.case_number or "").strip()
            case = number and Case.search(
                [
                    ("name", "=", number),
                    ("state", "=", "done"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
            wizard.case_id = case or False

    @api.depends("case_id")
    def _compute_case_details(self):
        for wizard in self:
            case = wizard.case_id
            wizard.case_summary = " · ".join(
                name for name in (case.item_id.name, case.window_id.name) if name
            )
            wizard.case_staff_ids = case.employee_ids

    def _compute_tag_set_id(self):
        tag_set = self.env["gov.tag.set"].sudo()._active_for("counter")
        for wizard in self:
            wizard.tag_set_id = tag_set

    @api.onchange("case_staff_ids")
    def _onchange_case_staff_ids(self):
        if len(self.case_staff_ids) == 1:
            self.employee_id = self.case_staff_ids
        elif self.employee_id not in self.case_staff_ids:
            self.employee_id = False

    @api.onchange("level")
    def _onchange_level(self):
        self.tag_ids = self.tag_ids.filtered(
            lambda t: not t.level_ids or self.level in t.level_ids.mapped("value")
        )

    def action_confirm(self):
        """Store the rating (channel 'paper') through the gateway, with the scan."""
        self.ensure_one()
        if not self.case_id:
            raise UserError(
                self.env._(
                    "No completed case has the number %(number)s.",
                    number=self.case_number,
                )
            )
        if not self.scan:
            raise UserError(self.env._("Attach the scanned paper form."))
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.scan_name or self.env._("Paper form"),
                    "datas": self.scan,
                    "res_model": "gov.evaluation",
                }
            )
        )
        evaluation = self.env["gov.evaluation"]._gateway_create(
            "paper",
            [
                {
                    "case_id": self.case_id.id,
                    "employee_id": self.employee_id.id,
                    "level": self.level,
                    "tag_ids": [fields.Command.set(self.tag_ids.ids)],
                    "comment": self.comment or False,
                    "paper_attachment_id": attachment.id,
                }
            ],
            entered_by=self.env.user,
        )
        attachment.res_id = evaluation.id
        return {"type": "ir.actions.act_window_close"}
