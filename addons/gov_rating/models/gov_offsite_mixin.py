import logging

from odoo import api, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)


class GovOffsiteMixin(models.AbstractModel):
    """A record that sends data off-site (an SMS gateway, a platform receiving
    ratings): where it sends to (``_gov_offsite_fields``) is set by the system
    administrator only, and every change is logged in the server log with who made
    it."""

    _name = "gov.offsite.mixin"
    _description = "Sends Data Off-site"
    _gov_offsite_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._gov_check_offsite_change(vals)
        records = super().create(vals_list)
        for record, vals in zip(records, vals_list, strict=True):
            record._gov_log_offsite_change(vals)
        return records

    def write(self, vals):
        self._gov_check_offsite_change(vals)
        res = super().write(vals)
        for record in self:
            record._gov_log_offsite_change(vals)
        return res

    @api.model
    def _gov_check_offsite_change(self, vals):
        if (
            set(self._gov_offsite_fields) & set(vals)
            and not self.env.su
            and not self.env.user.has_group("base.group_system")
        ):
            raise AccessError(
                self.env._(
                    "Where data is sent off-site is set by the system administrator."
                )
            )

    def _gov_log_offsite_change(self, vals):
        changed = sorted(set(self._gov_offsite_fields) & set(vals))
        if not changed:
            return
        _logger.info(
            "%s %s: %s set to %s by user %s",
            self._name,
            self.id,
            ", ".join(changed),
            ", ".join(str(vals[name]) for name in changed),
            self.env.uid,
        )
