from odoo import models


class GovCaseLink(models.Model):
    _inherit = "gov.case.link"

    def _second_evaluation_open(self):
        """The citizen rates again (追评) once the department has replied to the bad
        review the link gave."""
        order = (
            self.env["gov.rectify.order"]
            .sudo()
            .search([("evaluation_id", "=", self.evaluation_id.id)], limit=1)
        )
        return bool(order.date_replied) or super()._second_evaluation_open()
