import uuid
from collections import defaultdict
from contextvars import ContextVar

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import clean_context, sql

from .. import tools as gov_tools
from .gov_fraud_detector import text_key
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
# Set while the gateway creates ratings: a Python-side token that no request can carry
# (a client controls the context of its calls, not this variable).
_GATEWAY = ContextVar("gov_evaluation_gateway", default=None)
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
    _inherit = ["mail.thread", "gov.identity.mixin"]
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
    seat_id = fields.Many2one("gov.seat", readonly=True, index=True)
    window_id = fields.Many2one("gov.window", readonly=True, index=True)
    hall_id = fields.Many2one("gov.hall", readonly=True, index=True)
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    region_id = fields.Many2one("gov.region", readonly=True, index=True)
    item_id = fields.Many2one(
        "gov.service.item", string="Service Item", readonly=True, index=True
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
    evaluator_phone = fields.Char(
        readonly=True, index="btree_not_null", groups="gov_rating.group_gov_identity"
    )
    evaluator_key = fields.Char(readonly=True, index=True, groups="base.group_system")
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
        index="btree_not_null",
        groups="gov_rating.group_gov_supervisor",
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
        evaluator keep their earliest rating of a case and staff member; the later
        ones of another channel are marked invalid, with the reason."""
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
            evaluation.is_bad = evaluation.level in BAD_LEVELS
            evaluation.is_good = evaluation.level in GOOD_LEVELS

    @api.depends("comment")
    def _compute_comment_key(self):
        for evaluation in self:
            evaluation.comment_key = text_key(evaluation.comment) or False

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
        gate = _GATEWAY.get()
        if gate is None:
            raise AccessError(
                self.env._(
                    "A rating is given through a rating channel (counter code, case "
                    "link, SMS, device, paper form), never created directly."
                )
            )
        points = self.env["gov.level"]._points_by_value()
        for vals in vals_list:
            self._prepare_evaluation_vals(vals, points)
        evaluations = super().create(vals_list)
        evaluations.tag_set_id.filtered(lambda s: not s.locked).locked = True
        if gate["fraud_checks"]:
            evaluations._detect_fraud()
        return evaluations

    @api.model
    def _gateway_create(
        self,
        channel,
        vals_list,
        *,
        date=None,
        ip_address=None,
        device=None,
        entered_by=None,
        fraud_checks=True,
    ):
        """The one way every rating is made, whatever its channel (counter code, case
        link, SMS reply, device, roster, paper form, platform import, system default).

        ``vals_list`` holds what was rated and said; the channel, date, IP address,
        device, validity and the paper form's author come from the parameters only,
        and the rating is checked, completed and written as superuser. Only system
        default ratings skip the fraud checks (``fraud_checks``). Returns the ratings
        in the caller's environment."""
        if channel not in dict(CHANNELS):
            raise ValidationError(
                self.env._("%(channel)s is not a rating channel.", channel=channel)
            )
        now = fields.Datetime.now()
        prepared = []
        for vals in vals_list:
            vals = {k: v for k, v in vals.items() if k not in GATEWAY_FIELDS}
            vals.update(
                channel=channel,
                date=date or now,
                ip_address=ip_address or False,
                device_id=device.id if device else False,
                validity="valid",
                is_default=channel == "default",
                entered_by_id=entered_by.id
                if channel == "paper" and entered_by
                else False,
            )
            if channel == "paper":
                self._check_paper_entry(vals, entered_by)
            prepared.append(vals)
        token = _GATEWAY.set({"fraud_checks": fraud_checks})
        try:
            evaluations = (
                self.sudo()
                .with_context(
                    clean_context(self.env.context),
                    mail_create_nolog=True,
                    mail_create_nosubscribe=True,
                )
                .create(prepared)
            )
        finally:
            _GATEWAY.reset(token)
        self.env["gov.case.link"]._attach_ratings(evaluations)
        return evaluations.with_env(self.env)

    @api.model
    def _check_paper_entry(self, vals, user):
        """A paper form is typed in by a named user, never by a staff member it
        rates or who handled its case."""
        if not user:
            raise ValidationError(
                self.env._("A paper form is entered by a named user.")
            )
        case = self.env["gov.case"].sudo().browse(vals.get("case_id"))
        employee = self.env["hr.employee"].sudo().browse(vals.get("employee_id"))
        if user.sudo().employee_ids & (case.employee_ids | employee):
            raise ValidationError(
                self.env._(
                    "You cannot enter a paper rating of a case you handled or about "
                    "yourself: a colleague enters it."
                )
            )

    @api.model
    def _prepare_evaluation_vals(self, vals, points):
        """Validate one rating and complete it: objects, points, evaluator key."""
        level = str(vals.get("level") or "")
        if level not in points:
            raise ValidationError(
                self.env._(
                    "%(level)s is not a rating level: choose 1 to 5.",
                    level=level or "-",
                )
            )
        vals["level"] = level
        vals["points"] = points[level]
        vals["name"] = self.env["ir.sequence"].sudo().next_by_code("gov.evaluation")
        self._complete_objects(vals)
        if not any(
            vals.get(f) for f in ("employee_id", "window_id", "hall_id", "item_id")
        ):
            raise ValidationError(
                self.env._(
                    "A rating names what it rates: a case, staff, window or hall."
                )
            )
        cert = gov_tools.normalize_cert(vals.get("evaluator_cert"))
        phone = gov_tools.normalize_phone(vals.get("evaluator_phone"))
        if cert:
            kind = gov_tools.cert_kind(cert)
            if not kind:
                raise ValidationError(
                    self.env._(
                        "The ID number or credit code is not valid "
                        "(18 characters with a check digit)."
                    )
                )
            vals["evaluator_cert"] = cert
            vals["evaluator_type"] = kind
        if phone:
            if not gov_tools.phone_is_valid(phone):
                raise ValidationError(
                    self.env._("The phone is not an 11-digit mobile number.")
                )
            vals["evaluator_phone"] = phone
        vals["evaluator_key"] = (
            gov_tools.identity_key(cert, phone)
            or (vals.get("case_id") and "applicant")
            or uuid.uuid4().hex
        )
        self._check_tags(vals)
        self._check_one_per_case(vals)

    @api.model
    def _complete_objects(self, vals):
        """Fill the rated objects down the chain case/seat → window → hall → region."""
        Case = self.env["gov.case"].sudo()
        case = Case.browse(vals.get("case_id"))
        seat = self.env["gov.seat"].sudo().browse(vals.get("seat_id"))
        if case:
            staff = case.employee_ids
            if (
                vals.get("employee_id")
                and vals["employee_id"] not in staff.ids
                and staff
            ):
                raise ValidationError(
                    self.env._("This staff member did not handle the case.")
                )
            if not vals.get("employee_id") and len(staff) == 1:
                vals["employee_id"] = staff.id
            vals.setdefault("item_id", case.item_id.id)
            vals.setdefault("window_id", case.window_id.id)
            vals.setdefault("seat_id", case.seat_id.id)
            vals.setdefault("hall_id", case.hall_id.id)
            vals.setdefault("department_id", case.department_id.id)
            vals.setdefault("region_id", case.region_id.id)
        if seat:
            vals.setdefault("employee_id", seat.employee_id.id)
            vals["window_id"] = vals.get("window_id") or seat.window_id.id
        employee = self.env["hr.employee"].sudo().browse(vals.get("employee_id"))
        if employee and not vals.get("window_id"):
            vals["window_id"] = employee.gov_window_id.id
        window = self.env["gov.window"].sudo().browse(vals.get("window_id"))
        if window:
            vals["hall_id"] = vals.get("hall_id") or window.hall_id.id
            vals["department_id"] = vals.get("department_id") or window.department_id.id
        if employee and not vals.get("department_id"):
            vals["department_id"] = employee.department_id.id
        item = self.env["gov.service.item"].sudo().browse(vals.get("item_id"))
        if item and not vals.get("department_id"):
            vals["department_id"] = item.department_id.id
        hall = self.env["gov.hall"].sudo().browse(vals.get("hall_id"))
        department = self.env["hr.department"].sudo().browse(vals.get("department_id"))
        vals["region_id"] = (
            vals.get("region_id") or hall.region_id.id or department.gov_region_id.id
        )
        for key in (
            "employee_id",
            "window_id",
            "hall_id",
            "department_id",
            "region_id",
        ):
            vals[key] = vals.get(key) or False

    @api.model
    def _check_tags(self, vals):
        tag_ids = []
        for command in vals.get("tag_ids") or []:
            if command[0] == fields.Command.SET:
                tag_ids += command[2]
            elif command[0] == fields.Command.LINK:
                tag_ids.append(command[1])
        tags = self.env["gov.tag"].sudo().browse(tag_ids)
        if not tags:
            return
        if len(tags.tag_set_id) > 1:
            raise ValidationError(self.env._("Tags come from one tag set version."))
        wrong = tags.filtered(
            lambda t: t.level_ids and vals["level"] not in t.level_ids.mapped("value")
        )
        if wrong:
            raise ValidationError(
                self.env._(
                    "The tag %(tag)s does not go with this level.", tag=wrong[0].name
                )
            )
        vals["tag_set_id"] = tags.tag_set_id.id

    @api.model
    def _check_one_per_case(self, vals):
        if not vals.get("case_id"):
            if vals.get("assess_number", "1") == "2":
                raise ValidationError(self.env._("A second evaluation needs a case."))
            return
        # Whatever the channel and whoever rates: a rating of the case as a whole
        # (no staff member named) counts for each of its staff members.
        domain = [("case_id", "=", vals["case_id"])]
        if vals.get("employee_id"):
            domain.append(("employee_id", "in", [vals["employee_id"], False]))
        same = self.sudo().search(domain)
        if vals.get("assess_number", "1") == "1":
            if same.filtered(lambda e: e.assess_number == "1"):
                raise ValidationError(
                    self.env._("This case has been rated already: one rating per case.")
                )
            return
        first = same.filtered(lambda e: e.assess_number == "1")[:1]
        if not first or not first.is_bad:
            raise ValidationError(
                self.env._("Only a bad review can be followed by a second evaluation.")
            )
        if same.filtered(lambda e: e.assess_number == "2"):
            raise ValidationError(
                self.env._("This case has had its second evaluation already.")
            )
        vals["first_evaluation_id"] = first.id

    # ------------------------------------------------------------ protection
    def write(self, vals):
        if IMMUTABLE_FIELDS & set(vals):
            raise UserError(self.env._("A rating cannot be changed by anybody."))
        if SUPERVISOR_FIELDS & set(vals) and not (
            self.env.su or self.env.user.has_group("gov_rating.group_gov_supervisor")
        ):
            raise AccessError(self.env._("Only a supervisor reviews ratings."))
        return super().write(vals)

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(self.env._("A rating cannot be deleted by anybody."))

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(self.env._("A rating cannot be duplicated."))

    # ---------------------------------------------------------------- review
    def action_open_review(self):
        """The review wizard: mark invalid, restore or confirm, with a reason."""
        return {
            "type": "ir.actions.act_window",
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

    # ------------------------------------------------------------ statistics
    @api.model
    def _gov_statistics_domain(self):
        """Ratings that count: valid first evaluations, defaults as configured."""
        domain = [("validity", "=", "valid"), ("assess_number", "=", "1")]
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("gov_rating.default_rating_excluded", "True") == "True":
            domain.append(("is_default", "=", False))
        return domain

    @api.model
    def _gov_statistics_indexes(self):
        """(name, definition) of the indexes that serve _gov_object_figures: the
        ratings that count, grouped by object and level, with the points."""
        return [
            (
                f"gov_evaluation_stat_{field}_idx",
                f"({field}, level) INCLUDE (points, is_default) "
                "WHERE validity = 'valid' AND assess_number = '1'",
            )
            for field in STATISTICS_FIELDS
        ]

    @api.model
    def _gov_index_params(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            float(params.get_param("gov_rating.initial_score", 10)),
            float(params.get_param("gov_rating.prior_weight", 5)),
        )

    @api.model
    def _gov_object_figures(self, field, ids, hierarchical=False, domain=None):
        """Count, good/bad rates, index and ranking score of the objects ``ids`` that
        ``field`` points to, from one grouped query (no loop over ratings)."""
        initial, weight = self._gov_index_params()
        base = self._gov_statistics_domain() + list(domain or [])
        sums = defaultdict(lambda: [0, 0.0, 0, 0])
        if ids:
            groups = self.sudo()._read_group(
                base + [gov_tools.object_filter(field, ids, hierarchical)],
                [field, "level"],
                ["__count", "points:sum"],
            )
            wanted = set(ids)
            for record, level, count, total in groups:
                targets = gov_tools.rollup_targets(record, hierarchical)
                for target in wanted.intersection(targets):
                    acc = sums[target]
                    acc[0] += count
                    acc[1] += total
                    acc[2] += count if level in GOOD_LEVELS else 0
                    acc[3] += count if level in BAD_LEVELS else 0
        # The ranking moves toward the mean of the ratings of this kind of object
        # in the same ratings (the period's own, when a period is given), live and
        # when published alike.
        mean = initial
        if ids:
            [(count, total)] = self.sudo()._read_group(
                base + [(field, "!=", False)], [], ["__count", "points:sum"]
            )
            mean = total / count if count else initial
        figures = {}
        for object_id in ids:
            count, total, good, bad = sums[object_id]
            figures[object_id] = {
                "count": count,
                "points": total,
                "good": good,
                "bad": bad,
                "good_rate": 100.0 * good / count if count else 0.0,
                "bad_rate": 100.0 * bad / count if count else 0.0,
                "index": (weight * initial + total) / (weight + count),
                "rank_score": (weight * mean + total) / (weight + count),
            }
        return figures
