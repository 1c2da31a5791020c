from odoo import models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _gov_check_rectify_evidence(self):
        """The evidence of a closed work order is kept for life."""
        orders = self.filtered(
            lambda a: a.res_model == "gov.rectify.order" and a.res_id
        ).mapped("res_id")
        if orders and self.env["gov.rectify.order"].sudo().search_count(
            [("id", "in", orders), ("step", "=", "closed")]
        ):
            raise UserError(
                self.env._("The evidence of a closed work order cannot be removed.")
            )

    def unlink(self):
        self._gov_check_rectify_evidence()
        return super().unlink()

    def write(self, vals):
        if {"datas", "raw", "res_model", "res_id", "db_datas"} & set(vals):
            self._gov_check_rectify_evidence()
        return super().write(vals)
