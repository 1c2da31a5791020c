from odoo import models


class GovIdentityMixin(models.AbstractModel):
    """Records holding a citizen's identity: every read of it by a person is logged."""

    _name = "gov.identity.mixin"
    _description = "Holder of a Citizen's Identity"
    _gov_identity_fields = ()

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        read_identity = [
            f
            for f in (fields or self._gov_identity_fields)
            if f in self._gov_identity_fields
        ]
        if read_identity and not self.env.su and self:
            self.env["gov.identity.access.log"].sudo().create(
                [
                    {
                        "user_id": self.env.uid,
                        "res_model": self._name,
                        "res_id": record.id,
                        "field_names": ", ".join(read_identity),
                    }
                    for record in self
                ]
            )
        return result
