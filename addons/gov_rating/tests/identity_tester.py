from odoo import api, fields, models

from .. import tools


class GovIdentityTester(models.Model):
    """A record about a staff member that holds a citizen's name and phone."""

    _name = "gov.identity.tester"
    _inherit = ["gov.identity.mixin"]
    _description = "Identity Tester"
    _gov_identity_fields = ("citizen_name", "citizen_phone")

    employee_id = fields.Many2one("hr.employee")
    citizen_name = fields.Char(groups="gov_rating.group_gov_identity")
    citizen_phone = fields.Char(groups="gov_rating.group_gov_identity")
    citizen_masked = fields.Char(compute="_compute_citizen_masked", compute_sudo=True)

    @api.depends("citizen_name", "citizen_phone")
    def _compute_citizen_masked(self):
        for record in self:
            record.citizen_masked = " ".join(
                (
                    tools.mask_name(record.citizen_name),
                    tools.mask_phone(record.citizen_phone),
                )
            )
