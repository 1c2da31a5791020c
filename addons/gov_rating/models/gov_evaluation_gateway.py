import uuid

from odoo import api, fields, models
from odoo.exceptions import MissingError, ValidationError
from odoo.tools import SQL, clean_context

from .. import bulk, guard
from .. import tools as gov_tools
from .gov_evaluation import (
    CHANNELS,
    GATEWAY,
    GATEWAY_FIELDS,
    NO_FRAUD_CHECKS,
)

# What a rating of a case takes from its case, unless given.
CASE_OBJECTS = (
    "item_id",
    "window_id",
    "seat_id",
    "hall_id",
    "department_id",
    "region_id",
)


class GovEvaluation(models.Model):
    """The rating gateway: the one way a rating is made, for every channel, and the
    checks and completions of what it is given."""

    # One model in three files by concern (record, gateway, figures).
    _inherit = "gov.evaluation"  # pylint: disable=consider-merging-classes-inherited

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
        bulk=False,
    ):
        """The one way every rating is made, whatever its channel (counter code, case
        link, SMS reply, device, roster, paper form, platform import, system default).

        ``vals_list`` holds what was rated and said; the channel, date, IP address,
        device, validity and the paper form's author come from the parameters only,
        and the rating is checked, completed and written as superuser. A platform
        import gives ``channel`` and ``date`` as lists, one per value: the batch is
        still one insert, and with ``bulk`` that insert is written in SQL
        (``_bulk_create``). Only system default ratings skip the fraud checks
        (``fraud_checks``). Returns the ratings in the caller's environment."""
        count = len(vals_list)
        channels = channel if isinstance(channel, list) else [channel] * count
        dates = date if isinstance(date, list) else [date] * count
        if len(channels) != count or len(dates) != count:
            raise ValidationError(
                self.env._("One channel and one date are given for each rating.")
            )
        for name in set(channels):
            if name not in dict(CHANNELS):
                raise ValidationError(
                    self.env._("%(channel)s is not a rating channel.", channel=name)
                )
        now = fields.Datetime.now()
        prepared = []
        for vals, channel_name, rating_date in zip(
            vals_list, channels, dates, strict=True
        ):
            vals = {k: v for k, v in vals.items() if k not in GATEWAY_FIELDS}
            vals.update(
                channel=channel_name,
                date=rating_date or now,
                ip_address=ip_address or False,
                device_id=device.id if device else False,
                validity="valid",
                is_default=channel_name == "default",
                entered_by_id=entered_by.id
                if channel_name == "paper" and entered_by
                else False,
            )
            if channel_name == "paper":
                self._check_paper_entry(vals, entered_by)
            prepared.append(vals)
        lifted = (GATEWAY,) if fraud_checks else (GATEWAY, NO_FRAUD_CHECKS)
        with guard.allowed(*lifted):
            model = self.sudo().with_context(
                clean_context(self.env.context),
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
            evaluations = (
                model._bulk_create(prepared) if bulk else model.create(prepared)
            )
        self.env["gov.case.link"]._attach_ratings(evaluations)
        return evaluations.with_env(self.env)

    @api.model
    def _bulk_create(self, vals_list):
        """``create`` in one INSERT per table (gov_rating/bulk.py), for the batches
        of a platform import: the same checks and completion before, the same
        follow-ups after (``_on_created``), the same rows; neither message nor
        follower, as ``create`` makes none for the gateway."""
        self._check_gateway()
        self._prepare_evaluation_vals_list(vals_list)
        for vals in vals_list:
            vals.update(self._stored_computed_values(vals))
        evaluations = bulk.insert(
            self, vals_list, computed=self._stored_computed_values({})
        )
        evaluations._on_created()
        return evaluations

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
    def _prepare_evaluation_vals_list(self, vals_list):
        """Validate and complete a batch of ratings with a fixed number of queries
        whatever its size: the rated objects are read once for the batch, the
        references drawn together, and only the cases rated before are searched
        for their ratings."""
        points = self.env["gov.level"]._points_by_value()
        chain = self._object_chain(vals_list)
        names = self._next_names(len(vals_list))
        for vals, name in zip(vals_list, names, strict=True):
            vals["name"] = name
            self._prepare_evaluation_vals(vals, points, chain)
        case_ids = {vals["case_id"] for vals in vals_list if vals.get("case_id")}
        rated = set()
        if case_ids:
            self.env.cr.execute(
                "SELECT DISTINCT case_id FROM gov_evaluation WHERE case_id = ANY(%s)",
                [list(case_ids)],
            )
            rated = {case_id for (case_id,) in self.env.cr.fetchall()}
        for vals in vals_list:
            # A first rating of a case nobody rated yet has nothing to be checked
            # against (a second one in the same batch hits the unique index).
            if (
                vals.get("case_id") in rated
                or vals.get("assess_number", "1") != "1"
                or not vals.get("case_id")
            ):
                self._check_one_per_case(vals)

    @api.model
    def _next_names(self, count):
        """``count`` references of the rating sequence, drawn in one query."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [
                ("code", "=", "gov.evaluation"),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
        standard = sequence.implementation == "standard" and not sequence.use_date_range
        if count < 2 or not standard:
            return [Sequence.next_by_code("gov.evaluation") for __ in range(count)]
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            (f"ir_sequence_{sequence.id:03d}", count),
        )
        # As ir.sequence.get_next_char, with the prefix and suffix made once.
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{n:0{sequence.padding}d}{suffix}"
            for (n,) in self.env.cr.fetchall()
        ]

    @api.model
    def _object_chain(self, vals_list):
        """The rated objects of a batch and those they lead to, down the chain
        that ``_complete_objects`` follows, read once for the batch as plain
        values (no record per rating): ``{model: {id: {field: id}}}``, a case's
        ``employee_ids`` as a set of the active staff, as the field gives them."""
        chain = {}

        def given(key):
            return {vals[key] for vals in vals_list if vals.get(key)}

        def linked(model, field):
            return {row[field] for row in chain[model].values() if row[field]}

        def read(model, ids, *names):
            # A rating of a window names no case, seat nor item: no query for them.
            chain[model] = {}
            if not ids:
                return
            Model = self.env[model]
            Model.flush_model(names)
            rows = self.env.execute_query_dict(
                SQL(
                    "SELECT id, %s FROM %s WHERE id = ANY(%s)",
                    SQL(", ").join(SQL.identifier(name) for name in names),
                    SQL.identifier(Model._table),
                    list(ids),
                )
            )
            chain[model] = {row["id"]: row for row in rows}

        read("gov.case", given("case_id"), *CASE_OBJECTS)
        staff = {case_id: set() for case_id in chain["gov.case"]}
        if staff:
            self.env["hr.employee"].flush_model(["active"])
            self.env["gov.case"].flush_model(["employee_ids"])
            for case_id, employee_id in self.env.execute_query(
                SQL(
                    """SELECT rel.gov_case_id, rel.hr_employee_id
                         FROM gov_case_hr_employee_rel rel
                         JOIN hr_employee e
                           ON e.id = rel.hr_employee_id AND e.active
                        WHERE rel.gov_case_id = ANY(%s)""",
                    list(staff),
                )
            ):
                staff[case_id].add(employee_id)
        for case_id, row in chain["gov.case"].items():
            row["employee_ids"] = staff[case_id]
        read(
            "gov.seat",
            given("seat_id") | linked("gov.case", "seat_id"),
            "employee_id",
            "window_id",
        )
        read(
            "hr.employee",
            given("employee_id")
            | {id_ for ids in staff.values() for id_ in ids}
            | linked("gov.seat", "employee_id"),
            "gov_window_id",
            "department_id",
        )
        read(
            "gov.window",
            given("window_id")
            | linked("gov.case", "window_id")
            | linked("gov.seat", "window_id")
            | linked("hr.employee", "gov_window_id"),
            "hall_id",
            "department_id",
        )
        read(
            "gov.service.item",
            given("item_id") | linked("gov.case", "item_id"),
            "department_id",
        )
        read(
            "gov.hall", given("hall_id") | linked("gov.window", "hall_id"), "region_id"
        )
        read(
            "hr.department",
            given("department_id")
            | linked("gov.case", "department_id")
            | linked("hr.employee", "department_id")
            | linked("gov.window", "department_id")
            | linked("gov.service.item", "department_id"),
            "gov_region_id",
        )
        return chain

    @api.model
    def _prepare_evaluation_vals(self, vals, points, chain):
        """Validate one rating and complete it: objects, points, evaluator key
        (the reference is drawn by the batch)."""
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
        self._complete_objects(vals, chain)
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

    @api.model
    def _complete_objects(self, vals, chain):
        """Fill the rated objects down the chain case/seat → window → hall → region
        (``chain``: the objects as ``_object_chain`` read them)."""
        none = {}

        def row(model, key):
            if not vals.get(key):
                return none
            if vals[key] not in chain[model]:
                raise MissingError(
                    self.env._(
                        "%(model)s %(id)s does not exist or has been deleted.",
                        model=self.env[model]._description,
                        id=vals[key],
                    )
                )
            return chain[model][vals[key]]

        case, seat = row("gov.case", "case_id"), row("gov.seat", "seat_id")
        if case:
            staff = case["employee_ids"]
            if vals.get("employee_id") and vals["employee_id"] not in staff and staff:
                raise ValidationError(
                    self.env._("This staff member did not handle the case.")
                )
            if not vals.get("employee_id") and len(staff) == 1:
                vals["employee_id"] = next(iter(staff))
            for key in CASE_OBJECTS:
                vals.setdefault(key, case[key] or False)
        if seat:
            vals.setdefault("employee_id", seat["employee_id"] or False)
            vals["window_id"] = vals.get("window_id") or seat["window_id"]
        employee = row("hr.employee", "employee_id")
        if employee and not vals.get("window_id"):
            vals["window_id"] = employee["gov_window_id"]
        window = row("gov.window", "window_id")
        if window:
            vals["hall_id"] = vals.get("hall_id") or window["hall_id"]
            vals["department_id"] = vals.get("department_id") or window["department_id"]
        if employee and not vals.get("department_id"):
            vals["department_id"] = employee["department_id"]
        item = row("gov.service.item", "item_id")
        if item and not vals.get("department_id"):
            vals["department_id"] = item["department_id"]
        hall = row("gov.hall", "hall_id")
        department = row("hr.department", "department_id")
        vals["region_id"] = (
            vals.get("region_id")
            or hall.get("region_id")
            or department.get("gov_region_id")
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
