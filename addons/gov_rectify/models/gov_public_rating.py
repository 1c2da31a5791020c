from odoo import api, models

from odoo.addons.gov_rating import tools as gov_tools


class GovPublicRating(models.AbstractModel):
    _inherit = "gov.public.rating"

    @api.model
    def _handling_values(self, evaluation):
        """The work order of the bad review as its citizen follows it: the step,
        the dates reached and the department's reply; never who works on it."""
        order = (
            self.env["gov.rectify.order"]
            .sudo()
            .search([("evaluation_id", "=", evaluation.id)], limit=1)
        )
        if not order:
            return super()._handling_values(evaluation)
        company = order.company_id
        milestones = [
            (self.env._("Received"), order.date_open),
            (self.env._("You were contacted"), order.date_contacted),
            (self.env._("Rectified"), order.date_rectified),
            (self.env._("Replied"), order.date_replied),
            (self.env._("Followed up"), order.date_visited),
            (self.env._("Closed"), order.date_closed),
        ]
        names = (evaluation.sudo().evaluator_name, order.citizen_name)
        results = dict(order._fields["result"]._description_selection(self.env))
        return {
            "number": order.name,
            "department": order.department_id.name or "",
            "status": order.stage_id.name,
            "milestones": [
                (label, company._gov_local_date(date))
                for label, date in milestones
                if date
            ],
            "reply_due": order.date_reply_due
            and company._gov_local_date(order.date_reply_due),
            "reply": gov_tools.mask_text(order.reply_text, names)
            if order.date_replied
            else "",
            "result": results.get(order.result, ""),
            "closed": order.step == "closed",
        }
