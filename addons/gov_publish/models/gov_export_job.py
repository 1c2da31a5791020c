import base64
import csv
import hashlib
import logging
import os
import shutil
import tempfile
import threading

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
CHUNK_SIZE = 1 << 20
MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


class GovExportJob(models.Model):
    """A large export, queued by a user and written by a cron in batches.

    The rows are read from the database a batch at a time and written with
    xlsxwriter in constant-memory mode (or as CSV), so memory does not grow with
    the number of ratings. It runs with the rights of the user who queued it."""

    _name = "gov.export.job"
    _description = "Background Export"
    _order = "id desc"

    name = fields.Char(required=True, default=lambda self: self.env._("Ratings export"))
    export_format = fields.Selection(
        [
            ("xlsx", "Ratings (XLSX)"),
            ("interface", "Reporting interface (CSV)"),
        ],
        string="Format",
        required=True,
        default="xlsx",
    )
    level_convention = fields.Selection(
        [
            ("interface", "Reporting interface (1 = very dissatisfied)"),
            ("gbt", "GB/T 39046 (1 = very satisfied)"),
        ],
        string="Level Codes",
        default="interface",
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    region_id = fields.Many2one("gov.region")
    department_id = fields.Many2one("hr.department")
    valid_only = fields.Boolean(string="Valid Ratings Only", default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        required=True,
        default="draft",
        readonly=True,
        index=True,
    )
    total_count = fields.Integer(string="Rows to Write", readonly=True)
    done_count = fields.Integer(string="Rows Written", readonly=True)
    progress = fields.Float(compute="_compute_progress", digits=(5, 1))
    result_file = fields.Binary(string="File", attachment=True, readonly=True)
    result_name = fields.Char(readonly=True)
    error = fields.Text(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("total_count", "done_count", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100.0
            elif job.total_count:
                job.progress = 100.0 * job.done_count / job.total_count
            else:
                job.progress = 0.0

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for job in self:
            if job.date_from > job.date_to:
                raise UserError(self.env._("The start date is after the end date."))

    def action_queue(self):
        self.filtered(lambda j: j.state in ("draft", "failed")).write(
            {"state": "queued", "done_count": 0, "error": False}
        )
        self.env.ref("gov_publish.ir_cron_export_jobs")._trigger()

    def _domain(self):
        self.ensure_one()
        domain = self.company_id._gov_range_domain(self.date_from, self.date_to)
        if self.valid_only:
            domain.append(("validity", "=", "valid"))
        if self.region_id:
            domain.append(("region_id", "child_of", self.region_id.id))
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        return domain

    @api.model
    def _cron_process(self):
        self.flush_model(["state"])
        self.env.cr.execute(
            """
            SELECT id FROM gov_export_job WHERE state = 'queued'
             ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
            """
        )
        job = self.browse([row[0] for row in self.env.cr.fetchall()])
        if not job:
            return False
        remaining = self.search_count([("state", "=", "queued")]) - 1
        job.with_user(job.user_id)._run()
        self.env["ir.cron"]._notify_progress(done=1, remaining=max(remaining, 0))
        return True

    def _run(self):
        """Write the file batch by batch; progress is committed after each batch
        when run by the cron, so the user sees it move."""
        self.ensure_one()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        Evaluation = self.env["gov.evaluation"]
        domain = self._domain()
        self.sudo().write(
            {
                "state": "running",
                "done_count": 0,
                "total_count": Evaluation.search_count(domain),
            }
        )
        handle, path = tempfile.mkstemp(suffix=f".{self._extension()}")
        os.close(handle)
        try:
            writer = self._open_writer(path)
            last_id, done = 0, 0
            while True:
                batch = Evaluation.search(
                    domain + [("id", ">", last_id)], order="id", limit=BATCH_SIZE
                )
                if not batch:
                    break
                done = writer.add(batch, done)
                last_id = batch[-1].id
                self.sudo().done_count = done
                if auto_commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                # Forget the batch: the cache must not grow with the export.
                self.env.invalidate_all()
            writer.close()
            self._store_result(path)
            self.sudo().write(
                {
                    "state": "done",
                    "result_name": f"{self.name}.{self._extension()}",
                }
            )
        except Exception as exc:  # noqa: BLE001 - the job records every failure
            _logger.exception("Export %s failed", self.id)
            if auto_commit:
                self.env.cr.rollback()  # pylint: disable=invalid-commit
            self.sudo().write({"state": "failed", "error": str(exc)})
        finally:
            os.unlink(path)

    def _store_result(self, path):
        """Put the written file into ``result_file`` without holding it in memory:
        with file storage it is hashed and copied into the filestore in chunks and
        its attachment points at it; with database storage it goes through the ORM."""
        Attachment = self.env["ir.attachment"].sudo()
        if Attachment._storage() != "file":
            with open(path, "rb") as result:
                self.sudo().result_file = base64.b64encode(result.read())
            return
        sha1, size = hashlib.sha1(), 0
        with open(path, "rb") as result:
            for chunk in iter(lambda: result.read(CHUNK_SIZE), b""):
                sha1.update(chunk)
                size += len(chunk)
        checksum = sha1.hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        full_path = Attachment._full_path(fname)
        if not os.path.exists(full_path):
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            shutil.copyfile(path, full_path)
            # Collected again if this transaction does not commit.
            Attachment._mark_for_gc(fname)
        self.sudo().result_file = False
        attachment = Attachment.create(
            {
                "name": "result_file",
                "res_model": self._name,
                "res_field": "result_file",
                "res_id": self.id,
                "mimetype": MIMETYPES[self._extension()],
            }
        )
        # create() computes these from content it is given; this content is on disk.
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = %s, file_size = %s, checksum = %s"
            " WHERE id = %s",
            [fname, size, checksum, attachment.id],
        )
        attachment.invalidate_recordset(["store_fname", "file_size", "checksum"])
        self.invalidate_recordset(["result_file"])

    def _extension(self):
        return "xlsx" if self.export_format == "xlsx" else "csv"

    def _open_writer(self, path):
        if self.export_format == "xlsx":
            return _XlsxWriter(self.env, path)
        return _InterfaceCsvWriter(self, path)


class _XlsxWriter:
    """Rows of ratings into a constant-memory workbook. A sheet holds at most
    ``rows_per_sheet`` ratings below its header (Excel's limit of 1,048,576
    rows); the next ones go on a new sheet, so a province's year is never cut."""

    rows_per_sheet = 1_048_575

    def __init__(self, env, path):
        self.report = env["report.gov_publish.evaluation_xlsx"]
        self.workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
        self.sheets = 1
        self.sheet = self.report._gov_start_sheet(self.workbook)
        self.row = 1

    def add(self, evaluations, done):
        rest = evaluations
        while rest:
            room = self.rows_per_sheet + 1 - self.row
            if not room:
                self.sheets += 1
                self.sheet = self.report._gov_start_sheet(self.workbook, self.sheets)
                self.row = 1
                continue
            self.row = self.report._gov_write_rows(self.sheet, rest[:room], self.row)
            rest = rest[room:]
        return done + len(evaluations)

    def close(self):
        self.workbook.close()


class _InterfaceCsvWriter:
    """Ratings in the reporting-interface format, one CSV line each."""

    def __init__(self, job, path):
        self.job = job
        self.file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.writer = None

    def add(self, evaluations, done):
        identity = evaluations._gov_export_identity_mode() == "full"
        records = evaluations._gov_interface_records(
            self.job.level_convention, with_identity=identity
        )
        if identity:
            (evaluations - evaluations._gov_about_me())._gov_log_identity_export()
        for record in records:
            if self.writer is None:
                self.writer = csv.DictWriter(self.file, fieldnames=list(record))
                self.writer.writeheader()
            self.writer.writerow(record)
        return done + len(records)

    def close(self):
        self.file.close()
