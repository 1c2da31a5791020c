from odoo import api, models
from odoo.exceptions import ValidationError

from odoo.addons.gov_rating import guard

# Lifted by the code that makes ratings in batches (a platform import): it raises
# the warnings of all its bad reviews once, at the end (_gov_raise_warnings).
WARNINGS_AT_END = "gov.rectify.warnings_at_end"


class GovEvaluation(models.Model):
    _inherit = "gov.evaluation"

    def _on_created(self):
        res = super()._on_created()
        self._gov_open_rectify_orders()
        self._gov_link_second_evaluations()
        if not guard.is_allowed(WARNINGS_AT_END):
            self._gov_raise_warnings()
        return res

    def _gov_raise_warnings(self):
        """The warnings the thresholds call for, now that these ratings are made,
        for the staff and units of their valid bad reviews."""
        bad = self.filtered(lambda e: e.is_bad and e.validity == "valid")
        if bad:
            self.env["gov.rectify.warning"].sudo()._compute_warnings(
                employee_ids=bad.employee_id.ids, department_ids=bad.department_id.ids
            )

    def write(self, vals):
        now_valid = self.browse()
        if vals.get("validity") == "valid":
            now_valid = self.filtered(lambda e: e.validity != "valid")
        res = super().write(vals)
        now_valid._gov_open_rectify_orders()
        if vals.get("validity") == "invalid":
            self.env["gov.rectify.order"].sudo().search(
                [
                    ("evaluation_id", "in", self.ids),
                    ("step", "!=", "closed"),
                    ("appeal_state", "!=", "pending"),
                ]
            )._close_invalidated()
        return res

    def _gov_open_rectify_orders(self):
        """Every valid or suspect first bad review gets one work order: a suspect
        one is held at verification until a supervisor has reviewed the rating,
        so an honest complaint never waits on the review queue."""
        bad = self.filtered(
            lambda e: e.is_bad
            and e.validity in ("valid", "suspect")
            and e.assess_number == "1"
        )
        if not bad:
            return self.env["gov.rectify.order"]
        Order = self.env["gov.rectify.order"].sudo()
        has_order = Order.search([("evaluation_id", "in", bad.ids)]).evaluation_id
        return Order.create(
            [{"evaluation_id": evaluation.id} for evaluation in bad - has_order]
        )

    def _gov_link_second_evaluations(self):
        seconds = self.filtered(lambda e: e.assess_number == "2")
        if not seconds:
            return
        Order = self.env["gov.rectify.order"].sudo()
        orders = Order.search(
            [("evaluation_id", "in", seconds.first_evaluation_id.ids)]
        )
        for order in orders:
            second = seconds.filtered(
                lambda e, o=order: e.first_evaluation_id == o.evaluation_id
            )[:1]
            order.second_evaluation_id = second
            order.message_post(
                body=self.env._(
                    "The citizen rated again: %(level)s.",
                    level=second._fields["level"].convert_to_export(
                        second.level, second
                    ),
                )
            )

    @api.model
    def _check_one_per_case(self, vals):
        super()._check_one_per_case(vals)
        if vals.get("assess_number", "1") != "2":
            return
        order = (
            self.env["gov.rectify.order"]
            .sudo()
            .search([("evaluation_id", "=", vals["first_evaluation_id"])], limit=1)
        )
        if not order.date_replied:
            raise ValidationError(
                self.env._(
                    "The citizen rates again once the department has replied to the "
                    "bad review."
                )
            )
