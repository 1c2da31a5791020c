from odoo import models

# What Odoo itself writes on an attachment that anybody may read (its share token).
HARMLESS_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        if set(vals) - HARMLESS_FIELDS:
            self._gov_check_history_kept()
        return super().write(vals)

    def unlink(self):
        self._gov_check_history_kept()
        return super().unlink()

    def _gov_check_history_kept(self):
        self.env["mail.message"]._gov_check_history_kept(
            *set(self.sudo().mapped("res_model"))
        )
