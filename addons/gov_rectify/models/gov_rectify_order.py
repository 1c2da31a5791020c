from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_rating import tools as gov_tools

SOURCES = [
    ("rating", "Bad review"),
    ("hotline", "12345 hotline"),
    ("third_party", "Third-party finding"),
    ("complaint", "Complaint"),
    ("monitor", "Monitoring"),
]
VERIFICATIONS = [
    ("true", "True and reasonable"),
    ("partly", "Partly true"),
    ("unreasonable", "True but no legal basis"),
    ("mistaken", "Mistaken"),
    ("malicious", "Malicious"),
]
RECTIFY_KINDS = [
    ("immediate", "Fixed at once"),
    ("ledger", "Ledger with deadline"),
    ("explanation", "Explanation (no legal basis)"),
]
APPEAL_STATES = [
    ("none", "No appeal"),
    ("pending", "Pending"),
    ("upheld", "Upheld"),
    ("rejected", "Rejected"),
]
RESULTS = [
    ("rectified", "Rectified"),
    ("explained", "Explained"),
    ("appeal_upheld", "Appeal upheld"),
    ("invalidated", "Rating judged invalid"),
]
# Orders closed with these results do not count: their rating left the statistics.
RESULTS_NOT_COUNTED = ("appeal_upheld", "invalidated")
# Steps a work order may be sent back to by the department (not hotline orders).
RETURN_STEP = "verify"
# The steps of the main path whose work is done once the order has moved past them.
REPLIED_STEPS = ("visit", "second", "closed")


# Set by the steps, the appeal and the timers, never typed in: a user's write that
# names one of them is refused.
SYSTEM_FIELDS = {
    "appeal_state",
    "appeal_reviewer_id",
    "appeal_user_id",
    "date_closed",
    "date_contacted",
    "date_deadline",
    "date_open",
    "date_rectified",
    "date_replied",
    "date_reply_due",
    "date_stage",
    "date_visited",
    "date_warning",
    "escalation_count",
    "evaluation_id",
    "is_overdue",
    "name",
    "rectified_on_time",
    "result",
    "second_evaluation_id",
    "visit_required",
    "warned",
}


class GovRectifyOrder(models.Model):
    _name = "gov.rectify.order"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
        "gov.identity.mixin",
    ]
    _description = "Rectification Work Order"
    _order = "id desc"
    _track_duration_field = "stage_id"
    _gov_identity_fields = ("citizen_name", "citizen_phone")

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    source = fields.Selection(
        SOURCES, required=True, default="rating", tracking=True, index=True
    )
    description = fields.Text(
        help="What went wrong: the citizen's comment or the finding."
    )
    stage_id = fields.Many2one(
        "gov.rectify.stage",
        string="Step",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._stage_for("new"),
    )
    step = fields.Selection(
        related="stage_id.step", string="Step Type", store=True, index=True
    )
    next_stage_optional = fields.Boolean(compute="_compute_next_stage")
    # What the order is about (谁办理谁负责).
    evaluation_id = fields.Many2one(
        "gov.evaluation", string="Rating", readonly=True, index=True
    )
    evaluation_level = fields.Selection(related="evaluation_id.level")
    second_evaluation_id = fields.Many2one(
        "gov.evaluation", string="Second Rating", readonly=True, copy=False
    )
    case_id = fields.Many2one("gov.case", index=True)
    item_id = fields.Many2one("gov.service.item", string="Service Item", index=True)
    employee_id = fields.Many2one("hr.employee", string="Staff", index=True)
    window_id = fields.Many2one("gov.window", index=True)
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", index=True, tracking=True
    )
    region_id = fields.Many2one("gov.region", index=True)
    user_id = fields.Many2one("res.users", string="Handler", tracking=True, index=True)
    supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        default=lambda self: self._default_supervisor(),
        help="Receives escalations when a step is overdue.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # The citizen: protected, every read logged.
    citizen_masked = fields.Char(
        string="Citizen", compute="_compute_citizen_masked", compute_sudo=True
    )
    citizen_name = fields.Char(groups="gov_rating.group_gov_identity")
    citizen_phone = fields.Char(groups="gov_rating.group_gov_identity")
    visit_required = fields.Boolean(
        string="Follow-up Required",
        readonly=True,
        help="Real-name bad reviews are all followed up.",
    )
    # Timers.
    date_open = fields.Datetime(
        string="Opened On", required=True, readonly=True, default=fields.Datetime.now
    )
    date_stage = fields.Datetime(string="Step Entered On", readonly=True, copy=False)
    date_deadline = fields.Datetime(
        string="Step Due", readonly=True, copy=False, tracking=True, index=True
    )
    date_warning = fields.Datetime(string="Warn From", readonly=True, copy=False)
    date_reply_due = fields.Datetime(
        string="Reply Due",
        readonly=True,
        copy=False,
        help="The overall time limit for the reply to the citizen, if configured.",
    )
    warned = fields.Boolean(readonly=True, copy=False)
    is_overdue = fields.Boolean(string="Overdue", readonly=True, copy=False, index=True)
    escalation_count = fields.Integer(string="Escalations", readonly=True, copy=False)
    # Verification and appeal.
    verification = fields.Selection(VERIFICATIONS, tracking=True)
    verification_note = fields.Text()
    appeal_state = fields.Selection(
        APPEAL_STATES,
        required=True,
        default="none",
        tracking=True,
        copy=False,
        index=True,
    )
    appeal_reason = fields.Text(tracking=True)
    appeal_user_id = fields.Many2one(
        "res.users", string="Appealed By", readonly=True, copy=False
    )
    appeal_decision = fields.Text(tracking=True)
    appeal_reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)
    # Contact, rectification, instruction, reply.
    contact_note = fields.Text(string="Contact Record")
    date_contacted = fields.Datetime(string="Contacted On", readonly=True, copy=False)
    rectify_kind = fields.Selection(
        RECTIFY_KINDS, string="Rectification", tracking=True
    )
    ledger_deadline = fields.Date(tracking=True)
    rectify_note = fields.Text(string="Measures Taken")
    date_rectified = fields.Datetime(string="Rectified On", readonly=True, copy=False)
    rectified_on_time = fields.Boolean(readonly=True, copy=False)
    leader_instruction = fields.Text()
    leader_id = fields.Many2one("hr.employee")
    reply_text = fields.Text(string="Reply to the Citizen")
    date_replied = fields.Datetime(string="Replied On", readonly=True, copy=False)
    visit_ids = fields.One2many("gov.rectify.visit", "order_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")
    date_visited = fields.Datetime(string="Followed Up On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    result = fields.Selection(RESULTS, readonly=True, copy=False, tracking=True)
    accountability_ids = fields.One2many("gov.rectify.accountability", "order_id")

    _sql_constraints = [
        ("name_unique", "unique(name)", "A work order number is used once."),
    ]

    # ---------------------------------------------------------------- defaults
    @api.model
    def _stage_for(self, step):
        return self.env["gov.rectify.stage"].search([("step", "=", step)], limit=1)

    @api.model
    def _default_supervisor(self):
        if not self.env.su and self.env.user.has_group(
            "gov_rating.group_gov_supervisor"
        ):
            return self.env.user
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.supervisor_id")
        )
        return self.env["res.users"].browse(int(param)).exists() if param else False

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("active", "=", True)])

    # ---------------------------------------------------------------- computes
    @api.depends("stage_id")
    def _compute_next_stage(self):
        for order in self:
            order.next_stage_optional = bool(order._following_stages()[:1].optional)

    @api.depends("citizen_name", "citizen_phone", "evaluation_id.anonymous")
    def _compute_citizen_masked(self):
        for order in self:
            if order.evaluation_id.anonymous:
                order.citizen_masked = self.env._("Anonymous")
                continue
            parts = [
                gov_tools.mask_name(order.citizen_name),
                gov_tools.mask_phone(order.citizen_phone),
            ]
            order.citizen_masked = " ".join(p for p in parts if p)

    def _compute_visit_count(self):
        counts = dict(
            self.env["gov.rectify.visit"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.visit_count = counts.get(order, 0)

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            self._prepare_order_vals(vals)
            vals["name"] = Sequence.next_by_code("gov.rectify.order")
        orders = super().create(vals_list)
        for order in orders:
            order.sudo().write(order._stage_entry_vals(order.stage_id))
            order._schedule_step_activity()
        return orders

    @api.model
    def _prepare_order_vals(self, vals):
        """Complete an order from its rating, or check a manual one is complete."""
        evaluation = self.env["gov.evaluation"].sudo().browse(vals.get("evaluation_id"))
        if evaluation:
            vals.setdefault("source", "rating")
            for field in (
                "case_id",
                "item_id",
                "employee_id",
                "window_id",
                "department_id",
                "region_id",
            ):
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
        vals["visit_required"] = bool(vals.get("citizen_phone"))
        reply_days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.reply_days", 0)
        )
        vals.setdefault("date_open", fields.Datetime.now())
        if reply_days:
            opened = fields.Datetime.to_datetime(vals["date_open"])
            vals["date_reply_due"] = opened + timedelta(days=reply_days)

    def write(self, vals):
        if (
            SYSTEM_FIELDS & set(vals)
            and not self.env.su
            and not self.env.context.get("gov_rectify_system")
        ):
            raise UserError(
                self.env._(
                    "%(fields)s follow the work order's steps: "
                    "nobody sets them by hand.",
                    fields=", ".join(sorted(SYSTEM_FIELDS & set(vals))),
                )
            )
        if "department_id" in vals and not self._is_supervisor():
            raise UserError(
                self.env._(
                    "Only a supervisor transfers an order to another department."
                )
            )
        if vals.get("ledger_deadline"):
            self._check_ledger_deadline(vals["ledger_deadline"])
        if "stage_id" not in vals:
            res = super().write(vals)
            if vals.get("ledger_deadline"):
                self._apply_ledger_deadline()
            return res
        stage = self.env["gov.rectify.stage"].browse(vals["stage_id"])
        rest = {k: v for k, v in vals.items() if k != "stage_id"}
        if rest:
            super().write(rest)
        if not self.env.context.get("gov_rectify_transition"):
            for order in self.filtered(lambda o: o.stage_id != stage):
                order._check_transition(stage)
        for order in self.filtered(lambda o: o.stage_id != stage):
            leaving = order._stage_exit_vals()
            super(GovRectifyOrder, order).write(
                {"stage_id": stage.id, **leaving, **order._stage_entry_vals(stage)}
            )
            order._schedule_step_activity()
        return True

    def unlink(self):
        if self.filtered(lambda o: o.step != "new"):
            raise UserError(
                self.env._(
                    "A work order that has been worked on is kept for life: "
                    "it cannot be deleted."
                )
            )
        return super().unlink()

    def _message_update_content(self, message, body, *args, **kwargs):
        raise UserError(
            self.env._("The history of a work order is kept: messages are not edited.")
        )

    # ------------------------------------------------------------ transitions
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
            "visit": not self.visit_ids.filtered(lambda v: v.state == "done"),
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
        if step == "visit":
            return {"date_visited": now}
        return {}

    def _stage_entry_vals(self, stage):
        now = fields.Datetime.now()
        deadline = False
        if stage.deadline_days:
            deadline = self._due_date(now, stage.deadline_days, stage.deadline_type)
        if stage.step == "rectify" and self.ledger_deadline:
            deadline = self._ledger_due(self.ledger_deadline)
        if stage.step == "reply" and self.date_reply_due:
            deadline = min(deadline or self.date_reply_due, self.date_reply_due)
        vals = {
            "date_stage": now,
            "date_deadline": deadline,
            "date_warning": deadline and self._warning_date(deadline),
            "warned": False,
            "is_overdue": False,
        }
        if stage.step == "closed":
            vals["date_closed"] = now
            if not self.result:
                vals["result"] = (
                    "explained" if self.rectify_kind == "explanation" else "rectified"
                )
        return vals

    def _schedule_step_activity(self):
        """One to-do per step for the handler, due when the step is due."""
        self.ensure_one()
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        user = self.user_id or self.department_id.manager_id.user_id
        if self.step == "closed" or not user:
            return
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.to_date(self.date_deadline)
            or fields.Date.context_today(self),
            summary=self.stage_id.name,
            user_id=user.id,
        )

    # ----------------------------------------------------------- deadlines
    @api.model
    def _due_date(self, start, days, day_type, company=None):
        """The end of the ``days``-th natural or working day after ``start``, in the
        company's working time (its global time off are holidays)."""
        if day_type == "natural":
            return start + timedelta(days=days)
        calendar = (company or self.env.company).resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        local = pytz.utc.localize(start).astimezone(tz)
        next_day = tz.localize(
            datetime.combine(local.date() + timedelta(days=1), time.min)
        )
        found = calendar.plan_days(
            days,
            next_day.astimezone(pytz.utc).replace(tzinfo=None),
            compute_leaves=True,
        )
        if not found:
            return start + timedelta(days=days)
        return self._end_of_day(pytz.utc.localize(found).astimezone(tz).date(), company)

    @api.model
    def _end_of_day(self, day, company=None):
        """The last second of ``day`` in the company's time zone, as naive UTC."""
        calendar = (company or self.env.company).resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        end = tz.localize(datetime.combine(day, time(23, 59, 59)))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _warning_date(self, deadline):
        hours = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rectify.warning_hours", 24)
        )
        return deadline - timedelta(hours=hours)

    def _ledger_due(self, ledger_deadline):
        return self._end_of_day(fields.Date.to_date(ledger_deadline), self.company_id)

    def _check_ledger_deadline(self, ledger_deadline):
        if fields.Date.to_date(ledger_deadline) < fields.Date.context_today(self):
            raise UserError(self.env._("A ledger deadline cannot be in the past."))

    def _apply_ledger_deadline(self):
        for order in self.filtered(lambda o: o.step == "rectify" and o.ledger_deadline):
            deadline = order._ledger_due(order.ledger_deadline)
            order.with_context(gov_rectify_system=True).write(
                {
                    "date_deadline": deadline,
                    "date_warning": self._warning_date(deadline),
                    "warned": False,
                    "is_overdue": False,
                }
            )

    @api.onchange("rectify_kind")
    def _onchange_rectify_kind(self):
        if self.rectify_kind == "ledger" and not self.ledger_deadline:
            days = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("gov_rectify.complex_days", 15)
            )
            self.ledger_deadline = self._due_date(
                fields.Datetime.now(), days, "working", self.company_id
            ).date()

    # --------------------------------------------------------------- actions
    def _move_to(self, step):
        stage = self._stage_for(step)
        if not stage:
            raise UserError(
                self.env._("No stage is configured for the step %(step)s.", step=step)
            )
        return self.write({"stage_id": stage.id})

    def action_next_step(self):
        for order in self:
            nxt = order._following_stages()[:1]
            if not nxt:
                raise UserError(self.env._("This work order is at its last step."))
            order.write({"stage_id": nxt.id})
        return True

    def action_skip_step(self):
        for order in self:
            following = order._following_stages()
            if not following[:1].optional or len(following) < 2:
                raise UserError(self.env._("The next step is not optional."))
            order.write({"stage_id": following[1].id})
        return True

    def action_appeal(self):
        """The department disputes the bad review: an outside reviewer decides."""
        for order in self:
            if order.step != "verify":
                raise UserError(
                    self.env._("An appeal is filed during the verification.")
                )
            if not order.evaluation_id:
                raise UserError(
                    self.env._("Only an order opened by a rating can be appealed.")
                )
            if not (order.appeal_reason or "").strip():
                raise UserError(self.env._("Give the grounds of the appeal."))
            if order.appeal_state != "none":
                raise UserError(self.env._("This order has been appealed already."))
        self.with_context(gov_rectify_system=True).write(
            {"appeal_state": "pending", "appeal_user_id": self.env.uid}
        )
        self.with_context(gov_rectify_transition=True)._move_to("appeal")
        return True

    def _check_appeal_reviewer(self):
        user = self.env.user
        if not (
            user.has_group("gov_rectify.group_gov_rectify_reviewer")
            or user.has_group("gov_rating.group_gov_supervisor")
        ):
            raise UserError(self.env._("Only an appeal reviewer decides appeals."))
        own = self.env["hr.department"].search(
            [("id", "child_of", user.employee_ids.department_id.ids)]
        )
        for order in self:
            if order.step != "appeal" or order.appeal_state != "pending":
                raise UserError(self.env._("This order has no pending appeal."))
            if order.department_id in own or order.appeal_user_id == user:
                raise UserError(
                    self.env._(
                        "An appeal is decided by a reviewer outside the department "
                        "that filed it."
                    )
                )
            if not (order.appeal_decision or "").strip():
                raise UserError(self.env._("Give the reasons of the decision."))

    def action_appeal_uphold(self):
        """The rating was mistaken or malicious: it turns invalid, the order closes."""
        self._check_appeal_reviewer()
        for order in self:
            order.evaluation_id.sudo()._set_validity(
                "invalid",
                self.env._(
                    "Appeal upheld on work order %(order)s: %(reason)s",
                    order=order.name,
                    reason=order.appeal_decision,
                ),
            )
        self.with_context(gov_rectify_system=True).write(
            {
                "appeal_state": "upheld",
                "appeal_reviewer_id": self.env.uid,
                "result": "appeal_upheld",
            }
        )
        self.with_context(gov_rectify_transition=True)._move_to("closed")
        return True

    def action_appeal_reject(self):
        """The rating stands: the order goes on to the responsible department."""
        self._check_appeal_reviewer()
        self.with_context(gov_rectify_system=True).write(
            {"appeal_state": "rejected", "appeal_reviewer_id": self.env.uid}
        )
        path = self._main_path()
        verify = self._stage_for("verify")
        following = path[path.ids.index(verify.id) + 1 :][:1]
        self.with_context(gov_rectify_transition=True).write({"stage_id": following.id})
        return True

    def action_return(self):
        """The department sends the order back to verification: not its business."""
        for order in self:
            if order.source == "hotline":
                raise UserError(
                    self.env._(
                        "A work order dispatched by the 12345 hotline cannot be sent "
                        "back by the department."
                    )
                )
            if order.step not in ("transfer", "contact"):
                raise UserError(
                    self.env._(
                        "An order is sent back before the citizen has been contacted."
                    )
                )
            order.message_post(
                body=self.env._(
                    "Sent back to verification by %(user)s.", user=self.env.user.name
                )
            )
        self.with_context(gov_rectify_transition=True)._move_to(RETURN_STEP)
        return True

    def _close_invalidated(self):
        """The rating was judged invalid outside an appeal (e.g. as fraud): there is
        nothing to rectify, the order closes and leaves the figures."""
        for order in self:
            order.message_post(
                body=self.env._(
                    "The rating was judged invalid: %(reason)s",
                    reason=order.evaluation_id.review_reason,
                )
            )
        self.with_context(gov_rectify_system=True).write({"result": "invalidated"})
        self.with_context(gov_rectify_transition=True)._move_to("closed")

    def action_new_visit(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rectify.gov_rectify_visit_action"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_order_id": self.id,
                    "default_kind": "follow_up",
                },
            }
        )
        return action

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rectify.gov_rectify_visit_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    def action_hold_accountable(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.rectify.accountability",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_order_id": self.id,
                "default_department_id": self.department_id.id,
                "default_employee_id": self.employee_id.id,
            },
        }

    # -------------------------------------------------------------- timers
    @api.model
    def _cron_timers(self):
        """Warn before a step is due, escalate when it is overdue (once a step)."""
        now = fields.Datetime.now()
        open_domain = [("step", "!=", "closed"), ("date_deadline", "!=", False)]
        to_warn = self.search(
            open_domain + [("warned", "=", False), ("date_warning", "<=", now)]
        )
        for order in to_warn:
            order.message_post(
                body=self.env._(
                    "The step %(step)s is due on %(date)s.",
                    step=order.stage_id.name,
                    date=order.date_deadline,
                ),
                partner_ids=order.user_id.partner_id.ids,
            )
        to_warn.with_context(gov_rectify_system=True).write({"warned": True})
        self.search(
            open_domain + [("is_overdue", "=", False), ("date_deadline", "<", now)]
        )._escalate()

    def _escalate(self):
        """An overdue step goes up a level: an activity and a message to the
        supervisor, and a message to the head of the department."""
        for order in self:
            supervisor = order.supervisor_id
            head = order.department_id.manager_id.user_id
            order.message_post(
                body=self.env._(
                    "Overdue: the step %(step)s was due on %(date)s. Escalated.",
                    step=order.stage_id.name,
                    date=order.date_deadline,
                ),
                partner_ids=(supervisor | head).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            if supervisor:
                order.activity_schedule(
                    "mail.mail_activity_data_warning",
                    summary=self.env._("Overdue: %(step)s", step=order.stage_id.name),
                    user_id=supervisor.id,
                )
            order.with_context(gov_rectify_system=True).write(
                {"is_overdue": True, "escalation_count": order.escalation_count + 1}
            )
