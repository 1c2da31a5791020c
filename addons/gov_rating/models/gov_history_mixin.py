from odoo import models


class GovHistoryMixin(models.AbstractModel):
    """A record whose history is kept for life (ratings, work orders, complaints):
    the messages and attachments of its chatter are never edited nor deleted, but
    by the system administrator (``mail.message`` and ``ir.attachment`` check it).
    Listed before ``mail.thread`` in ``_inherit``, so that its hook comes first."""

    _name = "gov.history.mixin"
    _inherit = ["mail.thread"]
    _description = "Kept History"
    _gov_history_kept = True

    def _check_can_update_message_content(self, messages):
        self.env["mail.message"]._gov_check_history_kept(self._name)
        return super()._check_can_update_message_content(messages)
