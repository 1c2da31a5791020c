from odoo import models


class GovIdentityMixin(models.AbstractModel):
    """Records holding a citizen's identity: every read of it by a person is logged."""

    _name = "gov.identity.mixin"
    _description = "Holder of a Citizen's Identity"
    _gov_identity_fields = ()

    def web_read(self, specification):
        return super().web_read(specification)

    # Opening a form logs who read the identity: the web client must call it on a
    # read/write cursor, not on the read-only one Odoo gives web_read by default.
    web_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        read_identity = [
            f for f in self._gov_identity_fields if result and f in result[0]
        ]
        if read_identity and not self.env.su:
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
