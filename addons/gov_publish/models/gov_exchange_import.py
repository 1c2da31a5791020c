import base64
import csv
import hashlib
import io
import json
from datetime import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gov_rating.models.gov_evaluation import PF_CODES
from odoo.addons.gov_rating.public import has_nul

CHANNEL_BY_PF = {code: channel for channel, code in PF_CODES.items()}
REQUIRED = ("projectNo", "taskCode", "satisfaction", "assessTime")


class RowError(Exception):
    """A row of an import file that cannot be imported, with the reason."""


class GovExchangeImport(models.Model):
    """One import of ratings and cases from a provincial platform's file.

    All or nothing: when a row is rejected nothing is imported and the report says
    which rows and why. Rows imported before (same platform, case and round) are
    skipped, so the same file twice creates nothing new."""

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
    evaluation_ids = fields.Many2many("gov.evaluation", string="Ratings", readonly=True)

    # ----------------------------------------------------------------- parse
    def _read_rows(self):
        """The rows of the file as dicts (JSON list or object with 'records', or
        CSV with a header line of interface field names); a UserError for an empty
        or malformed file."""
        self.ensure_one()
        rows = self._parse_rows(self._raw_file())
        if not rows:
            raise UserError(self.env._("The file holds no ratings."))
        if has_nul(rows):
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
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This file has been processed already."))
        rows = self._read_rows()
        digest = hashlib.sha256(self._raw_file()).hexdigest()
        created = self.env["gov.evaluation"]
        skipped = 0
        rejected = []
        try:
            with self.env.cr.savepoint():
                for number, row in enumerate(rows, start=1):
                    try:
                        with self.env.cr.savepoint():
                            evaluation = self._import_row(row)
                    except RowError as error:
                        rejected.append((number, str(error)))
                        continue
                    except (ValidationError, UserError, AccessError) as error:
                        rejected.append((number, str(error.args[0])))
                        continue
                    if evaluation:
                        created |= evaluation
                    else:
                        skipped += 1
                if rejected:
                    raise RowError()
        except RowError:
            created = self.env["gov.evaluation"]
        lines = [
            self.env._("Row %(row)s rejected: %(reason)s", row=row, reason=reason)
            for row, reason in rejected
        ]
        if rejected:
            lines.insert(
                0,
                self.env._(
                    "Nothing was imported: fix the rows below and import the file "
                    "again."
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
                "evaluation_ids": [fields.Command.set(created.ids)],
            }
        )
        return True

    def _import_row(self, row):
        """Import one row; return the new rating, or nothing when it exists."""
        if not isinstance(row, dict):
            raise RowError(self.env._("not a record"))
        row = {k: str(v).strip() for k, v in row.items() if k and v is not None}
        missing = [key for key in REQUIRED if not row.get(key)]
        if missing:
            raise RowError(self.env._("missing %(fields)s", fields=", ".join(missing)))
        platform = self.platform_id
        number = row.get("assessNumber") or "1"
        if number not in ("1", "2"):
            raise RowError(
                self.env._("assessNumber %(value)s is not 1 or 2", value=number)
            )
        key = f"{platform.code}/{row['projectNo']}/{number}"
        Evaluation = self.env["gov.evaluation"].sudo()
        if Evaluation.search_count([("gov_source_ref", "=", key)], limit=1):
            return Evaluation
        level = self._level_from(row["satisfaction"])
        channel = CHANNEL_BY_PF.get(row.get("pf") or "")
        if not channel:
            raise RowError(
                self.env._("unknown channel code pf=%(pf)s", pf=row.get("pf") or "-")
            )
        try:
            local = datetime.strptime(row["assessTime"], "%Y-%m-%d %H:%M:%S")
        except ValueError as exc:
            raise RowError(
                self.env._(
                    "assessTime %(value)s is not YYYY-MM-DD HH:MM:SS",
                    value=row["assessTime"],
                )
            ) from exc
        self._check_codes(row)
        # The interface speaks the centre's time (Beijing time); Odoo stores UTC.
        date = self.env.company._gov_to_utc(local)
        # A rated case is a completed case.
        case = (
            self.env["gov.case"]
            .sudo()
            ._api_upsert(platform, dict(row, proStatus="done"))
        )
        company = row.get("userProp") == "2"
        return Evaluation._gateway_create(
            channel,
            [
                {
                    "case_id": case.id,
                    "level": level,
                    "assess_number": number,
                    "comment": row.get("writingEvaluation") or False,
                    "anonymous": row.get("anonymityFlag") == "1",
                    "publish_comment": row.get("publicFlag", "1") == "1",
                    "evaluator_type": "company" if company else "person",
                    "evaluator_name": row.get("userName") or False,
                    "evaluator_cert": row.get("certKey") or False,
                    "evaluator_phone": row.get("mobile") or False,
                    "gov_source_ref": key,
                }
            ],
            date=date,
        )

    def _level_from(self, code):
        if code not in ("1", "2", "3", "4", "5"):
            raise RowError(
                self.env._("satisfaction %(value)s is not 1 to 5", value=code)
            )
        if self.platform_id.gov_level_convention == "gbt":
            return self.env["gov.level"].from_gbt_code(code)
        return code

    def _check_codes(self, row):
        if row.get("areaCode"):
            code = row["areaCode"].ljust(12, "0")
            if not self.env["gov.region"].sudo().search_count([("code", "=", code)]):
                raise RowError(
                    self.env._("unknown areaCode %(code)s", code=row["areaCode"])
                )
        if row.get("deptCode") and not self.env["hr.department"].sudo().search_count(
            [("gov_credit_code", "=", row["deptCode"])]
        ):
            raise RowError(
                self.env._("unknown deptCode %(code)s", code=row["deptCode"])
            )
