from odoo import fields, models

ITEM_TYPES = [
    ("01", "Administrative licensing"),
    ("02", "Administrative penalty"),
    ("03", "Administrative enforcement"),
    ("04", "Administrative levy"),
    ("05", "Administrative payment"),
    ("06", "Administrative inspection"),
    ("07", "Administrative confirmation"),
    ("08", "Administrative reward"),
    ("09", "Administrative ruling"),
    ("10", "Other administrative power"),
    ("20", "Public service"),
]


class GovServiceItem(models.Model):
    _name = "gov.service.item"
    _inherit = ["gov.index.mixin", "mail.thread"]
    _description = "Government Service Item"
    _order = "code"
    _rec_names_search = ["name", "code"]
    _gov_evaluation_field = "item_id"
    _gov_case_field = "item_id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(string="Item Code", required=True, tracking=True)
    item_type = fields.Selection(ITEM_TYPES, string="Type", required=True, default="01")
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", required=True, index=True
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        help="Optional questions a citizen answers after rating this item.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "An item code is used once."),
    ]
