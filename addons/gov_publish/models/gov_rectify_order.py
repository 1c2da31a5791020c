from odoo import fields, models
from odoo.exceptions import UserError

# Closed orders whose handling is published (not those whose rating left the figures).
PUBLIC_RESULTS = ("rectified", "explained")


class GovRectifyOrder(models.Model):
    """A closed work order a supervisor chose as a typical case (典型案例): the
    public page of handling results shows it first."""

    _inherit = "gov.rectify.order"

    publish_typical = fields.Boolean(
        string="Typical Case",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Shown first on the public page of bad-review handling results. "
        "Only a supervisor sets it, on a closed order.",
    )

    def write(self, vals):
        if "publish_typical" in vals and not self._is_supervisor():
            raise UserError(self.env._("Only a supervisor chooses the typical cases."))
        return super().write(vals)

    def action_mark_typical(self):
        if self.filtered(
            lambda o: o.step != "closed" or o.result not in PUBLIC_RESULTS
        ):
            raise UserError(
                self.env._(
                    "Only a closed work order that was rectified or explained is a "
                    "typical case."
                )
            )
        self.write({"publish_typical": True})
        return True

    def action_unmark_typical(self):
        self.write({"publish_typical": False})
        return True
