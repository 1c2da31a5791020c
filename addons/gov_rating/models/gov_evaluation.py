from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import sql

from .. import guard
from .. import tools as gov_tools
from .gov_fraud_detector import text_hash, text_key
from .gov_level import BAD_LEVELS, GOOD_LEVELS, LEVEL_VALUES

CHANNELS = [
    ("pc", "PC"),
    ("app", "Mobile app"),
    ("qr", "QR code"),
    ("device", "Rating device"),
    ("terminal", "Hall terminal"),
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("paper", "Paper form"),
    ("hotline", "12345 hotline"),
    ("third_party", "Third-party assessment"),
    ("default", "System default"),
    ("roster", "Public roster"),
]
# Interface code "pf" of the reporting interfaces; the other channels have none.
PF_CODES = {
    "pc": "1",
    "app": "2",
    "qr": "3",
    "device": "4",
    "terminal": "5",
    "phone": "6",
    "sms": "7",
}
VALIDITY = [("valid", "Valid"), ("suspect", "Suspect"), ("invalid", "Invalid")]
# Nobody changes these once a rating exists (enforced in Python and by a trigger).
IMMUTABLE_COLUMNS = (
    "level",
    "points",
    "comment",
    "case_id",
    "employee_id",
    "channel",
    "assess_number",
    "evaluator_type",
    "evaluator_name",
    "evaluator_cert",
    "evaluator_phone",
    "evaluator_key",
    "anonymous",
    "publish_comment",
    "date",
    "is_default",
    "entered_by_id",
    "paper_attachment_id",
)
IMMUTABLE_FIELDS = set(IMMUTABLE_COLUMNS) | {"tag_ids", "survey_user_input_id"}
# Set by the gateway from its own parameters, never taken from the values it is given.
GATEWAY_FIELDS = {
    "name",
    "points",
    "channel",
    "date",
    "ip_address",
    "device_id",
    "validity",
    "is_default",
    "evaluator_key",
    "first_evaluation_id",
    "entered_by_id",
    "signal_ids",
    "review_reason",
    "reviewer_id",
    "review_date",
    "paper_checked",
    "paper_checker_id",
    "paper_check_date",
}
# Fields only a supervisor writes: the review of a rating and the check of a paper form.
SUPERVISOR_FIELDS = {
    "validity",
    "review_reason",
    "reviewer_id",
    "paper_checked",
    "paper_checker_id",
    "paper_check_date",
}
# The guards the gateway and the review lift (gov_rating/guard.py): no request can.
GATEWAY = "gov.evaluation.gateway"
NO_FRAUD_CHECKS = "gov.evaluation.no_fraud_checks"
REVIEW = "gov.evaluation.review"
ONE_PER_CASE_INDEX = "gov_evaluation_one_per_case_staff_idx"
# The rated objects whose figures _gov_object_figures computes: each gets a partial
# covering index so that the grouped query reads the index only (see bench/).
STATISTICS_FIELDS = (
    "department_id",
    "employee_id",
    "window_id",
    "hall_id",
    "region_id",
    "item_id",
)


class GovEvaluation(models.Model):
    _name = "gov.evaluation"
    _inherit = ["gov.history.mixin", "mail.thread", "gov.identity.mixin"]
    _description = "Evaluation"
    _order = "date desc, id desc"
    _gov_identity_fields = ("evaluator_name", "evaluator_cert", "evaluator_phone")
    _gov_free_text_fields = ("comment",)

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index=True
    )
    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    level = fields.Selection(LEVEL_VALUES, required=True, readonly=True)
    points = fields.Float(readonly=True, digits=(4, 1), aggregator="sum")
    is_bad = fields.Boolean(
        string="Bad Review", compute="_compute_kind", store=True, index=True
    )
    is_good = fields.Boolean(string="Good Review", compute="_compute_kind", store=True)
    channel = fields.Selection(CHANNELS, required=True, readonly=True, index=True)
    assess_number = fields.Selection(
        [("1", "First"), ("2", "Second")],
        string="Evaluation Round",
        required=True,
        default="1",
        readonly=True,
    )
    first_evaluation_id = fields.Many2one("gov.evaluation", readonly=True, index=True)
    is_default = fields.Boolean(
        string="System Default",
        readonly=True,
        help="Deemed by the system when the rating window ran out, not by a person.",
    )
    # What is rated.
    case_id = fields.Many2one(
        "gov.case", readonly=True, index=True, ondelete="restrict"
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Staff", readonly=True, index=True, ondelete="restrict"
    )
    seat_id = fields.Many2one(
        "gov.seat", readonly=True, index=True, ondelete="restrict"
    )
    window_id = fields.Many2one(
        "gov.window", readonly=True, index=True, ondelete="restrict"
    )
    hall_id = fields.Many2one(
        "gov.hall", readonly=True, index=True, ondelete="restrict"
    )
    department_id = fields.Many2one(
        "hr.department", readonly=True, index=True, ondelete="restrict"
    )
    region_id = fields.Many2one(
        "gov.region", readonly=True, index=True, ondelete="restrict"
    )
    item_id = fields.Many2one(
        "gov.service.item",
        string="Service Item",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    device_id = fields.Many2one("gov.device", readonly=True, index=True)
    # What the citizen said.
    tag_set_id = fields.Many2one("gov.tag.set", readonly=True)
    tag_ids = fields.Many2many("gov.tag", string="Tags", readonly=True)
    comment = fields.Text(readonly=True)
    survey_user_input_id = fields.Many2one(
        "survey.user_input", string="Questionnaire Answers", readonly=True
    )
    anonymous = fields.Boolean(readonly=True)
    publish_comment = fields.Boolean(
        string="Comment May Be Published", default=True, readonly=True
    )
    # Who said it: protected, masked wherever shown, never shown to the staff rated.
    evaluator_type = fields.Selection(
        [("person", "Person"), ("company", "Company")],
        default="person",
        readonly=True,
        groups="gov_rating.group_gov_handler",
    )
    evaluator_name = fields.Char(readonly=True, groups="gov_rating.group_gov_identity")
    evaluator_cert = fields.Char(
        string="Evaluator ID / Credit Code",
        readonly=True,
        groups="gov_rating.group_gov_identity",
    )
    # Indexed with the date (init): the fraud checks look for one phone or one
    # evaluator within a window of dates.
    evaluator_phone = fields.Char(readonly=True, groups="gov_rating.group_gov_identity")
    evaluator_key = fields.Char(readonly=True, groups="base.group_system")
    evaluator_masked = fields.Char(
        string="Evaluator",
        compute="_compute_evaluator_masked",
        compute_sudo=True,
        groups="gov_rating.group_gov_handler",
    )
    ip_address = fields.Char(
        string="IP Address", readonly=True, groups="gov_rating.group_gov_supervisor"
    )
    # Validity and review.
    validity = fields.Selection(
        VALIDITY, required=True, default="valid", tracking=True, index=True
    )
    signal_ids = fields.One2many(
        "gov.fraud.signal", "evaluation_id", string="Fraud Signals", readonly=True
    )
    fraud_score = fields.Float(
        string="Suspicion Score",
        digits=(5, 2),
        readonly=True,
        index=True,
        groups="gov_rating.group_gov_supervisor",
        help="Sum of the weights of the rating's fraud signals; suspect from the "
        "threshold set in the settings.",
    )
    comment_key = fields.Char(
        compute="_compute_comment_key",
        store=True,
        groups="gov_rating.group_gov_supervisor",
    )
    comment_hash = fields.Char(
        compute="_compute_comment_key",
        store=True,
        groups="gov_rating.group_gov_supervisor",
        help="MD5 of the comment key: the same-text check finds a text by it "
        "(indexed with the date).",
    )
    review_reason = fields.Text(readonly=True, tracking=True)
    reviewer_id = fields.Many2one("res.users", readonly=True, tracking=True)
    review_date = fields.Datetime(readonly=True)
    # Paper forms (纸质评价表): who typed it in, the scanned form, the sample check.
    entered_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        index="btree_not_null",
        help="The staff member who typed in this paper form.",
    )
    paper_attachment_id = fields.Many2one(
        "ir.attachment", string="Scanned Form", readonly=True
    )
    paper_checked = fields.Boolean(
        string="Paper Form Checked", readonly=True, tracking=True
    )
    paper_checker_id = fields.Many2one("res.users", string="Checked By", readonly=True)
    paper_check_date = fields.Datetime(string="Checked On", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )

    _sql_constraints = [
        (
            "level_range",
            "CHECK(level IN ('1', '2', '3', '4', '5'))",
            "A level is 1 (very dissatisfied) to 5 (very satisfied).",
        ),
        (
            "second_has_first",
            "CHECK(assess_number = '1' OR first_evaluation_id IS NOT NULL)",
            "A second evaluation follows a first one.",
        ),
    ]

    def init(self):
        self._init_one_per_case_index()
        # The fraud checks look for one text, phone or evaluator within a window of
        # dates (the index on the text itself went: a long comment overflowed a
        # btree row).
        for column in ("comment_key", "evaluator_phone", "evaluator_key"):
            sql.drop_index(self._cr, f"gov_evaluation__{column}_index", self._table)
        for column in ("comment_hash", "evaluator_phone", "evaluator_key"):
            self._cr.execute(  # pylint: disable=sql-injection
                f"CREATE INDEX IF NOT EXISTS gov_evaluation_{column}_date_idx ON "
                f"gov_evaluation ({column}, date) WHERE {column} IS NOT NULL"
            )
        for name, definition in self._gov_statistics_indexes():
            self._cr.execute(  # pylint: disable=sql-injection
                f"CREATE INDEX IF NOT EXISTS {name} ON {self._table} {definition}"
            )
        # A rating is never edited nor deleted, not even in SQL.
        columns = ", ".join(IMMUTABLE_COLUMNS)
        old = " OR ".join(
            f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in IMMUTABLE_COLUMNS
        )
        self._cr.execute(  # pylint: disable=sql-injection
            f"""
            CREATE OR REPLACE FUNCTION gov_evaluation_protect() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'gov.evaluation: a rating cannot be deleted';
                END IF;
                IF {old} THEN
                    RAISE EXCEPTION 'gov.evaluation: a rating cannot be changed';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS gov_evaluation_protect ON gov_evaluation;
            CREATE TRIGGER gov_evaluation_protect
                BEFORE UPDATE OF {columns} OR DELETE ON gov_evaluation
                FOR EACH ROW EXECUTE FUNCTION gov_evaluation_protect();
            """
        )

    def _init_one_per_case_index(self):
        """One first and one second evaluation per case and staff member, whatever the
        channel and whoever rates (一事一评). Databases made when the rule held per
        evaluator keep their earliest rating of a case, staff member and round; the
        later ones are marked invalid, with the reason."""
        cr = self._cr
        if sql.index_exists(cr, ONE_PER_CASE_INDEX):
            return
        cr.execute(
            """
            UPDATE gov_evaluation later
               SET validity = 'invalid',
                   review_reason = %s,
                   review_date = now() AT TIME ZONE 'UTC'
              FROM gov_evaluation earlier
             WHERE earlier.case_id = later.case_id
               AND COALESCE(earlier.employee_id, 0) = COALESCE(later.employee_id, 0)
               AND earlier.assess_number = later.assess_number
               AND earlier.id < later.id
               AND earlier.validity != 'invalid'
               AND later.validity != 'invalid'
            """,
            ("Duplicate: the case had been rated already (one rating per case).",),
        )
        cr.execute(  # pylint: disable=sql-injection
            f"""
            CREATE UNIQUE INDEX {ONE_PER_CASE_INDEX} ON gov_evaluation
                   (case_id, COALESCE(employee_id, 0), assess_number)
             WHERE case_id IS NOT NULL AND validity != 'invalid'
            """
        )
        sql.drop_index(cr, "gov_evaluation_one_per_case_idx", self._table)

    @api.depends("level")
    def _compute_kind(self):
        for evaluation in self:
            evaluation.update(self._kind_values(evaluation.level))

    @api.depends("comment")
    def _compute_comment_key(self):
        for evaluation in self:
            evaluation.update(self._comment_key_values(evaluation.comment))

    @api.model
    def _kind_values(self, level):
        return {"is_bad": level in BAD_LEVELS, "is_good": level in GOOD_LEVELS}

    @api.model
    def _comment_key_values(self, comment):
        key = text_key(comment)
        return {"comment_key": key or False, "comment_hash": text_hash(key) or False}

    @api.model
    def _stored_computed_values(self, vals):
        """The stored computed fields of a rating of values ``vals``, as the compute
        methods give them (the bulk insert of an import writes them itself)."""
        return {
            **self._kind_values(vals.get("level")),
            **self._comment_key_values(vals.get("comment")),
        }

    @api.depends("anonymous", "evaluator_name", "evaluator_phone", "evaluator_cert")
    def _compute_evaluator_masked(self):
        for evaluation in self:
            if evaluation.anonymous:
                evaluation.evaluator_masked = self.env._("Anonymous")
                continue
            parts = [
                gov_tools.mask_name(evaluation.evaluator_name),
                gov_tools.mask_phone(evaluation.evaluator_phone),
                gov_tools.mask_cert(evaluation.evaluator_cert),
            ]
            evaluation.evaluator_masked = " ".join(p for p in parts if p)

    # ------------------------------------------------------------------ create
    @api.model_create_multi
    def create(self, vals_list):
        self._check_gateway()
        self._prepare_evaluation_vals_list(vals_list)
        evaluations = super().create(vals_list)
        evaluations._on_created()
        return evaluations

    @api.model
    def _check_gateway(self):
        if not guard.is_allowed(GATEWAY):
            raise AccessError(
                self.env._(
                    "A rating is given through a rating channel (counter code, case "
                    "link, SMS, device, paper form), never created directly."
                )
            )

    def _on_created(self):
        """What follows the making of these ratings, whether by ``create`` or by
        the bulk insert of an import: the tag set locked, the fraud checks (the
        modules add the work orders and the outbox)."""
        self.tag_set_id.filtered(lambda s: not s.locked).locked = True
        if not guard.is_allowed(NO_FRAUD_CHECKS):
            self._detect_fraud()

    # ------------------------------------------------------------ protection
    def write(self, vals):
        if IMMUTABLE_FIELDS & set(vals):
            raise UserError(self.env._("A rating cannot be changed by anybody."))
        if not (self.env.su or guard.is_allowed(REVIEW)):
            raise AccessError(
                self.env._(
                    "After it is given, a rating changes only its validity, through "
                    "the review with a reason."
                )
            )
        if SUPERVISOR_FIELDS & set(vals) and not (
            self.env.su or self.env.user.has_group("gov_rating.group_gov_supervisor")
        ):
            raise AccessError(self.env._("Only a supervisor reviews ratings."))
        return super().write(vals)

    @api.model
    def _gov_check_unrated(self, records, field):
        """Refuse to delete rated objects that have ratings: they are archived, and
        their ratings keep pointing to them (the foreign keys RESTRICT too)."""
        rated = records and self.sudo().search([(field, "in", records.ids)], limit=1)
        if rated:
            raise UserError(
                self.env._(
                    "%(object)s has ratings and is kept with them: archive it "
                    "instead of deleting it.",
                    object=rated[field].display_name,
                )
            )

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(self.env._("A rating cannot be deleted by anybody."))

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(self.env._("A rating cannot be duplicated."))

    # ---------------------------------------------------------------- review
    def action_open_review(self):
        """The review wizard: mark invalid, restore or confirm, with a reason."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Ratings"),
            "res_model": "gov.evaluation.review.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_evaluation_ids": self.ids,
                "default_decision": "valid"
                if set(self.mapped("validity")) == {"invalid"}
                else "invalid",
            },
        }

    def action_check_paper(self):
        """A supervisor's sample check of paper forms against their scans."""
        if not self.env.user.has_group("gov_rating.group_gov_supervisor"):
            raise AccessError(self.env._("Only a supervisor checks paper forms."))
        papers = self.filtered(lambda e: e.channel == "paper" and not e.paper_checked)
        with guard.allowed(REVIEW):
            papers.write(
                {
                    "paper_checked": True,
                    "paper_checker_id": self.env.uid,
                    "paper_check_date": fields.Datetime.now(),
                }
            )
        return True

    def _set_validity(self, validity, reason):
        """Record a supervisor's decision; reason and reviewer stay on the rating."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the decision."))
        with guard.allowed(REVIEW):
            self.write(
                {
                    "validity": validity,
                    "review_reason": reason,
                    "reviewer_id": self.env.uid,
                    "review_date": fields.Datetime.now(),
                }
            )

    # ----------------------------------------------------------------- fraud
    def _detect_fraud(self):
        """Signals, clusters and scores, for these new ratings and those around."""
        self.env["gov.fraud.detector"]._evaluate(self)
