import base64
import csv
import hashlib
import io
import json
import re
from datetime import datetime

from psycopg2 import IntegrityError

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_rating import guard
from odoo.addons.gov_rating.models.gov_case import NO_INVITATION
from odoo.addons.gov_rating.models.gov_evaluation import PF_CODES
from odoo.addons.gov_rating.public import bilingual, has_nul
from odoo.addons.gov_rectify.models.gov_evaluation import WARNINGS_AT_END

CHANNEL_BY_PF = {code: channel for channel, code in PF_CODES.items()}
REQUIRED = ("projectNo", "taskCode", "satisfaction", "assessTime")
# Rows imported by one call of the rating gateway.
BATCH = 1000
# What strptime("%Y-%m-%d %H:%M:%S") reads (one or two digits after the year).
ASSESS_TIME = re.compile(r"(\d{4})-(\d\d?)-(\d\d?) (\d\d?):(\d\d?):(\d\d?)")


class RowError(Exception):
    """A row of an import file that cannot be imported, with the reason: a function
    of the environment giving it in the environment's language."""


class GovExchangeImport(models.Model):
    """One import of ratings and cases from a provincial platform's file.

    All or nothing: when a row is rejected nothing is imported and the report says
    which rows and why, in Chinese and English. Rows imported before (same
    platform, case and round) are skipped, so the same file twice creates nothing
    new. A case rated on the platform gets no rating link nor invitation."""

    _name = "gov.exchange.import"
    _inherit = ["mail.thread"]
    _description = "Import from a Provincial Platform"
    _order = "id desc"

    name = fields.Char(
        required=True, readonly=True, default=lambda self: self.env._("New")
    )
    platform_id = fields.Many2one(
        "gov.platform",
        required=True,
        domain=[("platform_type", "=", "provincial")],
        help="The platform the file comes from: it decides the level codes.",
    )
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    file_sha256 = fields.Char(string="File SHA-256", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Imported"), ("rejected", "Rejected")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    created_count = fields.Integer(string="Ratings Created", readonly=True)
    skipped_count = fields.Integer(string="Rows Already Imported", readonly=True)
    rejected_count = fields.Integer(string="Rows Rejected", readonly=True)
    report = fields.Text(readonly=True)
    evaluation_ids = fields.One2many(
        "gov.evaluation", "gov_import_id", string="Imported Ratings", readonly=True
    )

    # ----------------------------------------------------------------- parse
    def _read_rows(self):
        """The rows of the file as dicts (JSON list or object with 'records', or
        CSV with a header line of interface field names); a UserError for an empty
        or malformed file."""
        self.ensure_one()
        raw = self._raw_file()
        rows = self._parse_rows(raw)
        if not rows:
            raise UserError(self.env._("The file holds no ratings."))
        # A NUL comes in as such or, in JSON, as the escape \u0000: only then are
        # the rows searched.
        if (b"\x00" in raw or b"\\u0000" in raw) and has_nul(rows):
            raise UserError(self.env._("The file holds NUL characters."))
        return rows

    def _raw_file(self):
        try:
            raw = base64.b64decode(self.file or b"", validate=True)
        except ValueError as exc:
            raise UserError(self.env._("The file could not be read.")) from exc
        if not raw.strip():
            raise UserError(self.env._("The file is empty."))
        return raw

    def _parse_rows(self, raw):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(self.env._("The file is not UTF-8 text.")) from exc
        name = (self.file_name or "").lower()
        if name.endswith(".json") or text.lstrip().startswith(("[", "{")):
            try:
                data = json.loads(text)
            except (ValueError, RecursionError) as exc:
                raise UserError(
                    self.env._(
                        "The file is not valid JSON: %(error)s",
                        error=exc,
                    )
                ) from exc
            if isinstance(data, dict):
                data = data.get("records")
            if not isinstance(data, list):
                raise UserError(
                    self.env._(
                        "A JSON file holds a list of ratings or an object with "
                        "'records'."
                    )
                )
            return data
        try:
            return list(csv.DictReader(io.StringIO(text)))
        except csv.Error as exc:
            raise UserError(
                self.env._("The file is not valid CSV: %(error)s", error=exc)
            ) from exc

    # ---------------------------------------------------------------- import
    def action_import(self):
        """Import the file in batches of ``BATCH`` rows: the cases of a batch are
        upserted together and its ratings made by one call of the rating gateway
        (one insert). A batch the gateway refuses is imported again row by row to
        find the rows at fault. All or nothing: a file with a rejected row imports
        nothing, and the report gives each rejected row with its reason."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This file has been processed already."))
        rows = self._read_rows()
        digest = hashlib.sha256(self._raw_file()).hexdigest()
        entries, rejected, skipped = self._prepare_entries(rows)
        # First evaluations before the second ones that follow them.
        entries.sort(key=lambda entry: entry["assess_number"])
        created = self.env["gov.evaluation"]
        try:
            with self.env.cr.savepoint():
                with guard.allowed(NO_INVITATION, WARNINGS_AT_END):
                    for start in range(0, len(entries), BATCH):
                        ratings, errors = self._import_batch(
                            entries[start : start + BATCH]
                        )
                        created |= ratings
                        rejected += errors
                if rejected:
                    raise RowError()
                # The warnings once for the file, not once a batch.
                created._gov_raise_warnings()
        except RowError:
            created = self.env["gov.evaluation"]
        rejected.sort(key=lambda rejection: rejection[0])
        lines = [
            bilingual(
                self.env,
                lambda env, row=row, reason=reason: env._(
                    "Row %(row)s rejected: %(reason)s", row=row, reason=reason(env)
                ),
            )
            for row, reason in rejected
        ]
        if rejected:
            lines.insert(
                0,
                bilingual(
                    self.env,
                    lambda env: env._(
                        "Nothing was imported: fix the rows below and import the "
                        "file again."
                    ),
                ),
            )
        else:
            lines.insert(
                0,
                self.env._(
                    "%(created)s ratings created, %(skipped)s rows imported before.",
                    created=len(created),
                    skipped=skipped,
                ),
            )
        self.write(
            {
                "name": self.file_name or self.name,
                "file_sha256": digest,
                "state": "rejected" if rejected else "done",
                "row_count": len(rows),
                "created_count": len(created),
                "skipped_count": 0 if rejected else skipped,
                "rejected_count": len(rejected),
                "report": "\n".join(lines),
            }
        )
        return True

    def _prepare_entries(self, rows):
        """Check every row without a query per row: returns the rows to import (with
        their rating key, channel, level and UTC date), the rejected rows as
        (row number, reason: a function of the environment) and the number of rows
        imported before (or twice in the file)."""
        checked, rejected = [], []
        for number, row in enumerate(rows, start=1):
            try:
                checked.append((number, *self._check_row(row)))
            except RowError as error:
                rejected.append((number, error.args[0]))
        keys = [key for __, key, __row in checked]
        self.env.cr.execute(
            "SELECT gov_source_ref FROM gov_evaluation WHERE gov_source_ref = ANY(%s)",
            [keys],
        )
        seen = {key for (key,) in self.env.cr.fetchall()}
        known = self._known_codes([row for __, __key, row in checked])
        entries, skipped = [], 0
        for number, key, row in checked:
            if key in seen:
                skipped += 1
                continue
            seen.add(key)
            try:
                entries.append(self._entry(number, key, row, known))
            except RowError as error:
                rejected.append((number, error.args[0]))
        dates = self.env.company._gov_to_utc_many([entry["date"] for entry in entries])
        for entry, date in zip(entries, dates, strict=True):
            entry["date"] = date
        return entries, rejected, skipped

    def _check_row(self, row):
        """(rating key, row with its texts stripped), or a RowError."""
        if not isinstance(row, dict):
            raise RowError(lambda env: env._("not a record"))
        row = {k: str(v).strip() for k, v in row.items() if k and v is not None}
        missing = [key for key in REQUIRED if not row.get(key)]
        if missing:
            raise RowError(
                lambda env: env._("missing %(fields)s", fields=", ".join(missing))
            )
        number = row.get("assessNumber") or "1"
        if number not in ("1", "2"):
            raise RowError(
                lambda env: env._("assessNumber %(value)s is not 1 or 2", value=number)
            )
        row["assessNumber"] = number
        return f"{self.platform_id.code}/{row['projectNo']}/{number}", row

    def _entry(self, number, key, row, known):
        """What the gateway is given for one checked row; a RowError for a bad
        level, channel, time or code."""
        level = self._level_from(row["satisfaction"])
        channel = CHANNEL_BY_PF.get(row.get("pf") or "")
        if not channel:
            raise RowError(
                lambda env: env._(
                    "unknown channel code pf=%(pf)s", pf=row.get("pf") or "-"
                )
            )
        try:
            # As strptime, at a tenth of its cost.
            local = datetime(
                *map(int, ASSESS_TIME.fullmatch(row["assessTime"]).groups())
            )
        except (AttributeError, ValueError) as exc:
            raise RowError(
                lambda env: env._(
                    "assessTime %(value)s is not YYYY-MM-DD HH:MM:SS",
                    value=row["assessTime"],
                )
            ) from exc
        self._check_codes(row, known)
        company = row.get("userProp") == "2"
        return {
            "row": number,
            "assess_number": row["assessNumber"],
            "channel": channel,
            # The interface speaks the centre's time (Beijing time); Odoo stores
            # UTC: converted for all rows together (_prepare_entries).
            "date": local,
            # A rated case is a completed case.
            "case": dict(row, proStatus="done"),
            "vals": {
                "level": level,
                "assess_number": row["assessNumber"],
                "comment": row.get("writingEvaluation") or False,
                "anonymous": row.get("anonymityFlag") == "1",
                "publish_comment": row.get("publicFlag", "1") == "1",
                "evaluator_type": "company" if company else "person",
                "evaluator_name": row.get("userName") or False,
                "evaluator_cert": row.get("certKey") or False,
                "evaluator_phone": row.get("mobile") or False,
                "gov_source_ref": key,
            },
        }

    def _import_batch(self, entries):
        """Import ``entries`` (cases upserted together, one gateway call); when the
        gateway refuses the batch, import them one by one. Returns the ratings and
        the rejected rows."""
        if not entries:
            return self.env["gov.evaluation"], []
        try:
            with self.env.cr.savepoint():
                return self._import_entries(entries), []
        except (ValidationError, UserError, AccessError, IntegrityError):
            if len(entries) == 1:
                return self.env["gov.evaluation"], [
                    (entries[0]["row"], self._refusal(entries[0]))
                ]
        created, rejected = self.env["gov.evaluation"], []
        for entry in entries:
            ratings, errors = self._import_batch([entry])
            created |= ratings
            rejected += errors
        return created, rejected

    def _import_entries(self, entries, bulk=True):
        """Upsert the cases of ``entries`` and make their ratings: in SQL, one
        insert per table (``bulk``), or through the ORM's ``create``, which gives
        the same rows (the tests compare them)."""
        Case = (
            self.env["gov.case"]
            .sudo()
            # One message on the import, none per case.
            .with_context(tracking_disable=True)
        )
        cases = Case._api_upsert_many(
            self.platform_id, [entry["case"] for entry in entries], bulk=bulk
        )
        errors = [error for __, error in cases if error]
        if errors:
            # Each row alone then gives its reason in both languages.
            raise ValidationError(errors[0])
        ratings = (
            self.env["gov.evaluation"]
            .sudo()
            ._gateway_create(
                [entry["channel"] for entry in entries],
                [
                    dict(entry["vals"], case_id=case.id, gov_import_id=self.id)
                    for entry, (case, __) in zip(entries, cases, strict=True)
                ],
                date=[entry["date"] for entry in entries],
                bulk=bulk,
            )
        )
        return ratings

    def _refusal(self, entry):
        """Why the rating of ``entry`` is refused, as a function of the environment:
        its import is tried (and rolled back) in Chinese and in English."""
        texts = {}

        def reason(env):
            try:
                with env.cr.savepoint():
                    self.with_env(env)._import_entries([entry])
                    raise RowError()
            except RowError:
                texts[env.lang] = ""
            except (ValidationError, UserError, AccessError, IntegrityError) as error:
                texts[env.lang] = str(error.args[0])
            return texts[env.lang]

        bilingual(self.env, reason)
        return lambda env: texts.get(env.lang) or next(iter(texts.values()))

    def _level_from(self, code):
        if code not in ("1", "2", "3", "4", "5"):
            raise RowError(
                lambda env: env._("satisfaction %(value)s is not 1 to 5", value=code)
            )
        if self.platform_id.gov_level_convention == "gbt":
            return self.env["gov.level"].from_gbt_code(code)
        return code

    def _known_codes(self, rows):
        """The region codes (12 digits) and department credit codes of ``rows``
        that exist, one query each."""
        areas = {row["areaCode"].ljust(12, "0") for row in rows if row.get("areaCode")}
        departments = {row["deptCode"] for row in rows if row.get("deptCode")}
        regions = self.env["gov.region"].sudo().search([("code", "in", list(areas))])
        found = (
            self.env["hr.department"]
            .sudo()
            .search([("gov_credit_code", "in", list(departments))])
        )
        return {
            "areas": set(regions.mapped("code")),
            "departments": set(found.mapped("gov_credit_code")),
        }

    def _check_codes(self, row, known):
        if row.get("areaCode") and row["areaCode"].ljust(12, "0") not in known["areas"]:
            raise RowError(
                lambda env: env._("unknown areaCode %(code)s", code=row["areaCode"])
            )
        if row.get("deptCode") and row["deptCode"] not in known["departments"]:
            raise RowError(
                lambda env: env._("unknown deptCode %(code)s", code=row["deptCode"])
            )
