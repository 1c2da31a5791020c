from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [
    ("province", "Province"),
    ("city", "City"),
    ("county", "County"),
    ("township", "Township"),
    ("village", "Village"),
]


class GovRegion(models.Model):
    _name = "gov.region"
    _inherit = ["gov.index.mixin"]
    _description = "Administrative Region"
    _parent_store = True
    _order = "code"
    _rec_names_search = ["name", "code"]
    _gov_evaluation_field = "region_id"
    _gov_case_field = "region_id"
    _gov_hierarchical = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        size=12,
        help="GB/T 2260 code in the 12 digits of the reporting interfaces.",
    )
    level = fields.Selection(LEVELS, required=True, default="county")
    parent_id = fields.Many2one("gov.region", string="Parent Region", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("gov.region", "parent_id", string="Subregions")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A region code is used once."),
        ("code_digits", "CHECK(code ~ '^[0-9]{12}$')", "A region code has 12 digits."),
    ]

    @api.model
    def _normalize_code(self, code):
        """GB/T 2260 6-digit codes and 9-digit township codes, padded to 12 digits."""
        code = (code or "").strip()
        if not code.isdigit() or len(code) not in (6, 9, 12):
            raise ValidationError(
                self.env._(
                    "Region code %(code)s is not a GB/T 2260 code of 6, 9 or 12 "
                    "digits.",
                    code=code,
                )
            )
        return code.ljust(12, "0")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = self._normalize_code(vals["code"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("code"):
            vals["code"] = self._normalize_code(vals["code"])
        return super().write(vals)

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A region cannot be its own ancestor."))
        order = [code for code, _label in LEVELS]
        for region in self.filtered("parent_id"):
            if order.index(region.parent_id.level) >= order.index(region.level):
                raise ValidationError(
                    self.env._(
                        "%(region)s must sit below a region of a higher level.",
                        region=region.name,
                    )
                )
