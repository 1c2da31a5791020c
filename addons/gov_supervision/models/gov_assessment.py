from odoo import api, fields, models
from odoo.exceptions import ValidationError

OBJECT_TYPES = [
    ("department", "Department"),
    ("hall", "Service hall"),
    ("window", "Window"),
    ("staff", "Staff"),
]
OBJECT_FIELDS = {
    "department": "department_id",
    "hall": "hall_id",
    "window": "window_id",
    "staff": "employee_id",
}


class GovAssessment(models.Model):
    """The result of a third-party assessment (第三方评估、社会各界综合评议) of a
    department, hall, window or staff member over a period. Kept apart from citizen
    ratings: it is no gov.evaluation and never moves the index."""

    _name = "gov.assessment"
    _inherit = ["mail.thread", "gov.place.mixin"]
    _description = "Third-party Assessment"
    _order = "date_to desc, id desc"
    _place_fields = ("employee_id", "window_id", "hall_id")

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    assessor = fields.Char(string="Assessor Organisation", required=True, tracking=True)
    object_type = fields.Selection(
        OBJECT_TYPES, string="Assessed", required=True, default="department"
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Staff", index=True, tracking=True
    )
    window_id = fields.Many2one(
        "gov.window",
        compute="_compute_window_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    object_name = fields.Char(
        string="Object", compute="_compute_object_name", store=True
    )
    date_from = fields.Date(string="Period From", required=True)
    date_to = fields.Date(string="Period To", required=True)
    score = fields.Float(digits=(5, 2), aggregator="avg", tracking=True)
    findings = fields.Text()
    is_published = fields.Boolean(string="Published", tracking=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("employee_id")
    def _compute_window_id(self):
        for assessment in self.filtered("employee_id.gov_window_id"):
            assessment.window_id = assessment.employee_id.gov_window_id

    @api.depends(
        "object_type",
        "employee_id.name",
        "window_id.name",
        "hall_id.name",
        "department_id.name",
    )
    def _compute_object_name(self):
        for assessment in self:
            target = assessment[OBJECT_FIELDS[assessment.object_type]]
            assessment.object_name = target.display_name

    @api.constrains(
        "object_type", "employee_id", "window_id", "hall_id", "department_id"
    )
    def _check_object(self):
        for assessment in self:
            if not assessment[OBJECT_FIELDS[assessment.object_type]]:
                raise ValidationError(
                    self.env._(
                        "Choose the %(object)s that was assessed.",
                        object=dict(
                            self._fields["object_type"]._description_selection(self.env)
                        )[assessment.object_type],
                    )
                )

    @api.constrains("score", "date_from", "date_to")
    def _check_score_and_period(self):
        for assessment in self:
            if not 0 <= assessment.score <= 100:
                raise ValidationError(self.env._("A score is 0 to 100."))
            if assessment.date_from > assessment.date_to:
                raise ValidationError(self.env._("The period ends after it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("gov.assessment")
        return super().create(vals_list)
