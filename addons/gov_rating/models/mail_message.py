from odoo import api, models
from odoo.exceptions import AccessError


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _gov_check_history_kept(self, *model_names):
        """Refuse to change the history of the records of ``model_names`` that keep
        it (``gov.history.mixin``), to anybody but the system administrator."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        if any(
            getattr(self.env.registry.get(name), "_gov_history_kept", False)
            for name in model_names
            if name
        ):
            raise AccessError(
                self.env._(
                    "The history of ratings, work orders and complaints is kept for "
                    "life: its messages and attachments are never edited nor deleted."
                )
            )

    def write(self, vals):
        self._gov_check_history_kept(*set(self.mapped("model")))
        return super().write(vals)

    def unlink(self):
        self._gov_check_history_kept(*set(self.mapped("model")))
        return super().unlink()
