from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What an order takes over from its rating.
RATING_FIELDS = (
    "case_id",
    "item_id",
    "employee_id",
    "window_id",
    "department_id",
    "region_id",
)
# What the entry into a step reads of the order.
ENTRY_FIELDS = ("ledger_deadline", "date_reply_due", "result", "rectify_kind")


class GovRectifyIntakeMixin(models.AbstractModel):
    """How work orders are opened: completed from their rating (or checked when
    opened by hand), numbered and started on their first step in batches."""

    _name = "gov.rectify.intake.mixin"
    _description = "Work Order Intake"

    @api.model
    def _prepare_batch(self, vals_list):
        """The values of new orders, completed together: their numbers, first
        steps and deadlines cost the same queries for one order or a thousand."""
        # One prefetch for the ratings, one look-up of the defaults.
        evaluations = (
            self.env["gov.evaluation"]
            .sudo()
            .browse(
                [
                    vals["evaluation_id"]
                    for vals in vals_list
                    if vals.get("evaluation_id")
                ]
            )
        )
        evaluations.fetch(
            [*RATING_FIELDS, "comment", "name", "company_id", "anonymous"]
            + ["evaluator_key", "evaluator_name", "evaluator_phone"]
        )
        evaluations.case_id.fetch(["applicant_name", "applicant_phone"])
        first = self._stage_for("new")
        supervisor = self._default_supervisor()
        numbers = self._next_numbers(len(vals_list))
        for vals, number in zip(vals_list, numbers, strict=True):
            self._prepare_order_vals(vals)
            vals["name"] = number
            vals.setdefault("stage_id", first.id)
            vals.setdefault("supervisor_id", supervisor and supervisor.id)
        now = fields.Datetime.now()
        Stage = self.env["gov.rectify.stage"]
        by_company = defaultdict(list)
        for vals in vals_list:
            stage = Stage.browse(vals["stage_id"])
            by_company[vals["company_id"]].append(
                (now, stage.deadline_days, stage.deadline_type)
            )
        limits = {
            company_id: self.env["res.company"]
            .browse(company_id)
            ._gov_add_days_batch(requests)
            for company_id, requests in by_company.items()
        }
        for vals in vals_list:
            stage = Stage.browse(vals["stage_id"])
            due = (
                stage.deadline_days
                and limits[vals["company_id"]][
                    (now, stage.deadline_days, stage.deadline_type)
                ]
            )
            current = dict.fromkeys(ENTRY_FIELDS, False) | vals
            current["company_id"] = self.env["res.company"].browse(vals["company_id"])
            vals.update(self._entry_vals(stage, now, due, current))
        return vals_list

    @api.model
    def _next_numbers(self, count):
        """``count`` work order numbers from the sequence, in one query."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [
                ("code", "=", "gov.rectify.order"),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
        if (
            not sequence
            or sequence.implementation != "standard"
            or sequence.use_date_range
        ):
            return [Sequence.next_by_code("gov.rectify.order") for _i in range(count)]
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            [f"ir_sequence_{sequence.id:03d}", count],
        )
        return [sequence.get_next_char(row[0]) for row in self.env.cr.fetchall()]

    @api.model
    def _prepare_order_vals(self, vals):
        """Complete an order from its rating, or check a manual one is complete."""
        evaluation = self.env["gov.evaluation"].sudo().browse(vals.get("evaluation_id"))
        if evaluation:
            vals.setdefault("source", "rating")
            for field in RATING_FIELDS:
                vals.setdefault(field, evaluation[field].id)
            vals.setdefault("description", evaluation.comment or evaluation.name)
            vals.setdefault("company_id", evaluation.company_id.id)
            if not evaluation.anonymous:
                # Who rated a case without naming themselves is its applicant.
                applicant = evaluation.evaluator_key == "applicant"
                case = evaluation.case_id
                vals.setdefault(
                    "citizen_name",
                    evaluation.evaluator_name or (applicant and case.applicant_name),
                )
                vals.setdefault(
                    "citizen_phone",
                    evaluation.evaluator_phone or (applicant and case.applicant_phone),
                )
        elif (
            not vals.get("department_id") or not (vals.get("description") or "").strip()
        ):
            raise ValidationError(
                self.env._(
                    "A work order without a rating needs the responsible department "
                    "and a description."
                )
            )
        vals.setdefault("company_id", self.env.company.id)
        vals["visit_required"] = bool(vals.get("citizen_phone"))
        reply_days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.reply_days", 0)
        )
        vals.setdefault("date_open", fields.Datetime.now())
        if reply_days:
            company = self.env["res.company"].browse(vals["company_id"])
            vals["date_reply_due"] = company._gov_add_days(
                vals["date_open"], reply_days, "natural"
            )
