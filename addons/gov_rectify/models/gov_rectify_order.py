from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.gov_rating import guard
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
# Steps a work order may be sent back to by the department (not hotline orders).
RETURN_STEP = "verify"
# The steps of the main path whose work is done once the order has moved past them.
REPLIED_STEPS = ("visit", "second", "closed")


# The guards the steps, the appeal and the timers lift (gov_rating/guard.py): the
# fields they set, and the moves that skip the checks of a user's transition.
SYSTEM = "gov.rectify.system"
TRANSITION = "gov.rectify.transition"
# Set by the steps, the appeal and the timers, never typed in: a user's write that
# names one of them is refused.
SYSTEM_FIELDS = {
    "appeal_decision",
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
    "no_contact",
    "rectified_on_time",
    "result",
    "second_evaluation_id",
    "visit_required",
    "warned",
}
# What the order is about: given when it is opened; a supervisor completes them on a
# new order of their own (not opened by a rating), nobody changes them afterwards.
SUBJECT_FIELDS = {
    "case_id",
    "employee_id",
    "item_id",
    "region_id",
    "source",
    "window_id",
}
# Who works on the order: a supervisor's decisions (transfer, assignment).
ASSIGNMENT_FIELDS = {"department_id", "supervisor_id", "user_id"}
# The steps during which the order may be transferred to another department.
TRANSFER_STEPS = ("new", "verify", "transfer")


class GovRectifyOrder(models.Model):
    _name = "gov.rectify.order"
    _inherit = [
        "gov.history.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
        "gov.identity.mixin",
        "gov.rectify.notify.mixin",
        "gov.deadline.mixin",
        "gov.rectify.intake.mixin",
        "gov.rectify.step.mixin",
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
    stage_optional = fields.Boolean(related="stage_id.optional")
    can_move_on = fields.Boolean(
        compute="_compute_can_move_on",
        help="Whether the current user may move the order on from its step.",
    )
    # What the order is about (谁办理谁负责).
    evaluation_id = fields.Many2one(
        "gov.evaluation", string="Rating", readonly=True, index=True
    )
    evaluation_level = fields.Selection(related="evaluation_id.level")
    evaluation_tag_ids = fields.Many2many(
        related="evaluation_id.tag_ids", string="Rating Tags"
    )
    evaluation_comment = fields.Text(
        related="evaluation_id.comment", string="Citizen's Comment"
    )
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
    # Timers (the step deadline comes with gov.deadline.mixin).
    date_deadline = fields.Datetime(tracking=True)
    date_open = fields.Datetime(
        string="Opened On", required=True, readonly=True, default=fields.Datetime.now
    )
    date_stage = fields.Datetime(string="Step Entered On", readonly=True, copy=False)
    date_reply_due = fields.Datetime(
        string="Reply Due",
        readonly=True,
        copy=False,
        help="The overall time limit for the reply to the citizen, if configured.",
    )
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
    appeal_decision = fields.Text(readonly=True, copy=False, tracking=True)
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
    no_contact = fields.Boolean(
        string="No Contact Possible",
        readonly=True,
        copy=False,
        help="The citizen rated anonymously and left no way to reach them: the "
        "follow-up was closed without a visit.",
    )
    can_close_no_contact = fields.Boolean(compute="_compute_can_close_no_contact")
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

    @api.depends("stage_id")
    @api.depends_context("uid")
    def _compute_can_move_on(self):
        for order in self:
            order.can_move_on = self.env.su or order._step_allows(self.env.user)

    @api.depends("step", "visit_required", "evaluation_id.anonymous")
    def _compute_can_close_no_contact(self):
        for order in self:
            order.can_close_no_contact = order._no_contact_possible()

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
        orders = super().create(self._prepare_batch(vals_list))
        for supervisor, group in orders.grouped("supervisor_id").items():
            group.sudo().message_subscribe(partner_ids=supervisor.partner_id.ids)
        orders._schedule_step_activity()
        return orders

    def write(self, vals):
        if not (self.env.su or guard.is_allowed(SYSTEM)):
            self._check_user_write(vals)
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
        if not guard.is_allowed(TRANSITION):
            for order in self.filtered(lambda o: o.stage_id != stage):
                order._check_transition(stage)
        for order in self.filtered(lambda o: o.stage_id != stage):
            leaving = order._stage_exit_vals()
            reaches = not self._is_department_stage(
                order.stage_id
            ) and self._is_department_stage(stage)
            super(GovRectifyOrder, order).write(
                {"stage_id": stage.id, **leaving, **order._stage_entry_vals(stage)}
            )
            order._schedule_step_activity()
            if reaches:
                order._notify_department()
        return True

    def _check_user_write(self, vals):
        """A user's write keeps away from what the steps set: step fields never,
        the order's subject only on a supervisor's new order without a rating,
        transfer and assignment only by a supervisor."""
        fields_set = set(vals)
        if SYSTEM_FIELDS & fields_set:
            raise UserError(
                self.env._(
                    "%(fields)s follow the work order's steps: "
                    "nobody sets them by hand.",
                    fields=", ".join(sorted(SYSTEM_FIELDS & fields_set)),
                )
            )
        if (SUBJECT_FIELDS | ASSIGNMENT_FIELDS) & fields_set and not (
            self._is_supervisor()
        ):
            raise UserError(
                self.env._(
                    "Only a supervisor transfers, assigns or completes a work order."
                )
            )
        if SUBJECT_FIELDS & fields_set and self.filtered(
            lambda o: o.evaluation_id or o.step != "new"
        ):
            raise UserError(
                self.env._(
                    "What a work order is about is set when it is opened: it cannot "
                    "be changed once it is worked on or when a rating opened it."
                )
            )
        if "department_id" in vals and self.filtered(
            lambda o: o.step not in TRANSFER_STEPS
        ):
            raise UserError(
                self.env._(
                    "An order is transferred to another department before the "
                    "citizen is contacted."
                )
            )

    def unlink(self):
        if self.filtered(lambda o: o.step != "new"):
            raise UserError(
                self.env._(
                    "A work order that has been worked on is kept for life: "
                    "it cannot be deleted."
                )
            )
        return super().unlink()

    # -------------------------------------------------------------- timers
    @api.model
    def _deadline_running_domain(self):
        return [("step", "!=", "closed")]

    def _deadline_step_name(self):
        return self.stage_id.name

    def _deadline_write(self, vals):
        with guard.allowed(SYSTEM):
            return self.write(vals)
