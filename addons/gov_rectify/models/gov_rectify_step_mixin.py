from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_rating import guard

# Orders closed with these results do not count: their rating left the statistics.
RESULTS_NOT_COUNTED = ("appeal_upheld", "invalidated")
# Lifted by action_skip_step only (gov_rating/guard.py): an optional step is left
# without its work.
SKIP = "gov.rectify.skip"


class GovRectifyStepMixin(models.AbstractModel):
    """The step rules of a work order: the configured path, which moves are allowed
    and by whom, the work each step records before the order leaves it."""

    _name = "gov.rectify.step.mixin"
    _description = "Work Order Steps"

    def _step_allows(self, user):
        """Whether ``user`` may work the current step: its group, or a handler's
        when the step names none."""
        group = self.stage_id.group_id or self.env.ref("gov_rating.group_gov_handler")
        return group in user.groups_id

    def _step_assignee(self):
        """Who gets the step's to-do: the handler, the department's head or the
        supervisor, the first who may move the order on from the step."""
        self.ensure_one()
        candidates = (
            self.user_id,
            self.department_id.manager_id.user_id,
            self.supervisor_id,
        )
        return next(
            (user for user in candidates if user and self._step_allows(user)),
            self.env["res.users"],
        )

    def _main_path(self):
        """Active stages of the normal path, in the configured order."""
        return self.env["gov.rectify.stage"].search([("step", "!=", "appeal")])

    def _following_stages(self):
        """The stages of the main path after the current one (none off the path)."""
        self.ensure_one()
        path = self._main_path()
        if self.stage_id not in path:
            return path.browse()
        return path[path.ids.index(self.stage_id.id) + 1 :]

    def _is_supervisor(self):
        return self.env.su or self.env.user.has_group("gov_rating.group_gov_supervisor")

    def _check_transition(self, stage):
        """Raise a UserError unless this order may move to ``stage`` now."""
        self.ensure_one()
        current = self.stage_id
        if current.group_id and not (
            self.env.su or current.group_id in self.env.user.groups_id
        ):
            raise UserError(
                self.env._(
                    "Only %(group)s move an order on from the step %(step)s.",
                    group=current.group_id.name,
                    step=current.name,
                )
            )
        if current.step == "closed":
            raise UserError(self.env._("A closed work order is not reopened."))
        if "appeal" in (current.step, stage.step):
            raise UserError(
                self.env._(
                    "Appeals are filed and decided with the Appeal buttons, "
                    "not by moving the order."
                )
            )
        path = self._main_path()
        if current not in path or stage not in path:
            raise UserError(
                self.env._(
                    "This step is archived: a manager restores it or moves the order."
                )
            )
        old, new = path.ids.index(current.id), path.ids.index(stage.id)
        if new < old:
            raise UserError(
                self.env._(
                    "A work order does not go back from %(current)s to %(stage)s.",
                    current=current.name,
                    stage=stage.name,
                )
            )
        skipped = path[old + 1 : new].filtered(lambda s: not s.optional)
        if skipped:
            raise UserError(
                self.env._("The step %(step)s cannot be skipped.", step=skipped[0].name)
            )
        if not (current.optional and guard.is_allowed(SKIP)):
            self._check_step_done(current)
        if current.step == "verify" and self.evaluation_id.validity == "suspect":
            raise UserError(
                self.env._(
                    "The rating of this order is suspect: the order waits at the "
                    "verification until a supervisor has reviewed the rating."
                )
            )
        if stage.step == "closed":
            self._check_can_close()

    def _check_step_done(self, stage):
        """The work of ``stage`` is recorded before the order leaves it."""
        missing = {
            "verify": not self.verification,
            "transfer": not self.department_id,
            "contact": not (self.contact_note or "").strip(),
            "rectify": not self.rectify_kind
            or not (self.rectify_note or "").strip()
            or (self.rectify_kind == "ledger" and not self.ledger_deadline),
            "instruct": not (self.leader_instruction or "").strip(),
            "reply": not (self.reply_text or "").strip(),
            "visit": not self.no_contact
            and not self.visit_ids.filtered(lambda v: v.state == "done"),
        }.get(stage.step)
        if missing:
            raise UserError(
                self.env._(
                    "Record the work of the step %(step)s before moving on: %(what)s",
                    step=stage.name,
                    what=self._step_requirement(stage.step),
                )
            )

    def _step_requirement(self, step):
        return {
            "verify": self.env._("the verification result."),
            "transfer": self.env._("the responsible department."),
            "contact": self.env._("the record of the contact with the citizen."),
            "rectify": self.env._(
                "the kind of rectification, the measures taken and, for a ledger, "
                "its deadline."
            ),
            "instruct": self.env._("the leader's instruction."),
            "reply": self.env._("the reply to the citizen."),
            "visit": self.env._("a completed follow-up visit."),
        }[step]

    def _no_contact_possible(self):
        """Whether the follow-up may end without a visit: the citizen rated
        anonymously and left no number to call back."""
        self.ensure_one()
        return (
            self.step == "visit"
            and not self.visit_required
            and bool(self.evaluation_id.anonymous)
            and not self.visit_ids.filtered(lambda v: v.state == "done")
        )

    def _check_can_close(self):
        if self.result in RESULTS_NOT_COUNTED:
            return
        if not self.date_replied and not (self.reply_text or "").strip():
            raise UserError(
                self.env._("A work order is closed only after the citizen had a reply.")
            )
        if self.visit_required and not self.visit_ids.filtered(
            lambda v: v.state == "done"
        ):
            raise UserError(
                self.env._(
                    "This citizen rated under their real name: the order is closed "
                    "only after a follow-up visit."
                )
            )

    def _stage_exit_vals(self):
        """What leaving the current step records."""
        now = fields.Datetime.now()
        step = self.stage_id.step
        if step == "contact":
            return {"date_contacted": now}
        if step == "rectify":
            return {
                "date_rectified": now,
                "rectified_on_time": not self.date_deadline
                or now <= self.date_deadline,
            }
        if step == "reply":
            return {"date_replied": now}
        if step == "visit" and not self.no_contact:
            return {"date_visited": now}
        return {}

    def _stage_entry_vals(self, stage):
        """What entering ``stage`` now records on this order."""
        self.ensure_one()
        now = fields.Datetime.now()
        due = stage.deadline_days and self._due_date(
            now, stage.deadline_days, stage.deadline_type, self.company_id
        )
        return self._entry_vals(stage, now, due, self)

    @api.model
    def _entry_vals(self, stage, now, due, order):
        """What entering ``stage`` at ``now`` records, the step being due at
        ``due``; ``order`` is the order or the values it is created with."""
        deadline = due or False
        ledger, reply_due = order["ledger_deadline"], order["date_reply_due"]
        if stage.step == "rectify" and ledger:
            deadline = self._ledger_due(ledger, order["company_id"])
        if stage.step == "reply" and reply_due:
            deadline = min(deadline or reply_due, reply_due)
        vals = {"date_stage": now, **self._deadline_vals(deadline)}
        if stage.step == "closed":
            vals["date_closed"] = now
            if not order["result"]:
                vals["result"] = (
                    "explained"
                    if order["rectify_kind"] == "explanation"
                    else "rectified"
                )
        return vals

    def _schedule_step_activity(self):
        """One to-do per step for whoever may work it, due when the step is due."""
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        groups = defaultdict(lambda: self.browse())
        for order in self.filtered(lambda o: o.step != "closed"):
            user = order._step_assignee()
            if user:
                due = (
                    fields.Date.to_date(
                        order.date_deadline
                        and order.company_id._gov_to_local(order.date_deadline)
                    )
                    or order.company_id._gov_today()
                )
                groups[(user, due, order.stage_id)] |= order
        for (user, due, stage), orders in groups.items():
            orders.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=due,
                summary=stage.name,
                user_id=user.id,
            )

    # ----------------------------------------------------------- deadlines
    @api.model
    def _ledger_due(self, ledger_deadline, company):
        """A ledger is due at the end of its day in the centre's time."""
        return company._gov_day_end(fields.Date.to_date(ledger_deadline))

    def _check_ledger_deadline(self, ledger_deadline):
        if fields.Date.to_date(ledger_deadline) < self.env.company._gov_today():
            raise UserError(self.env._("A ledger deadline cannot be in the past."))

    def _apply_ledger_deadline(self):
        for order in self.filtered(lambda o: o.step == "rectify" and o.ledger_deadline):
            deadline = order._ledger_due(order.ledger_deadline, order.company_id)
            order._deadline_write(self._deadline_vals(deadline))

    @api.onchange("rectify_kind")
    def _onchange_rectify_kind(self):
        if self.rectify_kind == "ledger" and not self.ledger_deadline:
            days = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("gov_rectify.complex_days", 15)
            )
            company = self.company_id or self.env.company
            self.ledger_deadline = company._gov_local_date(
                self._due_date(fields.Datetime.now(), days, "working", company)
            )
