from stdnum.cn import uscc

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "gov.index.mixin"]
    _gov_evaluation_field = "department_id"
    _gov_case_field = "department_id"
    _gov_hierarchical = True

    gov_region_id = fields.Many2one("gov.region", string="Region", index=True)
    gov_credit_code = fields.Char(
        string="Unified Social Credit Code", size=18, copy=False
    )
    gov_public_service = fields.Boolean(
        string="Public Service Unit",
        index=True,
        help="Listed on the public pages (the complaint desk) as a unit that serves "
        "the public; internal sections and other companies' departments are not.",
    )

    _sql_constraints = [
        (
            "gov_credit_code_unique",
            "unique(gov_credit_code)",
            "A unified social credit code belongs to one department.",
        ),
    ]

    @api.model
    def _gov_public_units(self):
        """The active units the public pages list, by name (sudo: no login)."""
        return self.sudo().search(
            [
                ("gov_public_service", "=", True),
                ("company_id", "in", [False, self.env.company.id]),
            ],
            order="complete_name",
        )

    @api.constrains("gov_credit_code")
    def _check_gov_credit_code(self):
        for department in self.filtered("gov_credit_code"):
            if not uscc.is_valid(department.gov_credit_code):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a valid unified social credit code.",
                        code=department.gov_credit_code,
                    )
                )
