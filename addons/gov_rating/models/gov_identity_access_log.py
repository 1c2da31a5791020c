from odoo import fields, models


class GovIdentityAccessLog(models.Model):
    """Who read a citizen's identity, when, on which record. Nobody edits it."""

    _name = "gov.identity.access.log"
    _description = "Identity Access Log"
    _order = "id desc"
    _log_access = True

    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Integer(string="Record ID", required=True, readonly=True)
    field_names = fields.Char(string="Fields Read", readonly=True)
