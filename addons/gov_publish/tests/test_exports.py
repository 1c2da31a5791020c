import base64
import csv
import hashlib
import io

from openpyxl import load_workbook

from odoo.tests import TransactionCase, tagged

from odoo.addons.gov_publish.models import gov_export_job

from .common import (
    EVALUATOR_CERT,
    EVALUATOR_NAME,
    EVALUATOR_PHONE,
    PERIOD_END,
    PERIOD_START,
    GovPublishCase,
)


@tagged("post_install", "-at_install")
class TestExports(GovPublishCase, TransactionCase):
    def _xlsx(self, user, evaluations):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx("gov_publish.evaluation_xlsx", evaluations.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def _evaluator_cells(self, rows):
        column = rows[0].index("Evaluator")
        return [row[column] for row in rows[1:]]

    def _run_export(self, **vals):
        """A background export the supervisor queues over the period, once the
        cron has run it."""
        job = (
            self.env["gov.export.job"]
            .with_user(self.supervisor)
            .create({"date_from": PERIOD_START, "date_to": PERIOD_END, **vals})
        )
        job.action_queue()
        self.assertEqual(job.state, "queued")
        self.env["gov.export.job"]._cron_process()
        return job

    def test_ratings_xlsx_masks_identity_by_role(self):
        rated = self.evaluations.filtered(
            lambda e: e.comment == "窗口服务很好，可以公开，有事打13912345678"
        )
        rows = self._xlsx(self.supervisor, rated)
        self.assertEqual(len(rows), 2)
        self.assertIn("Reference", rows[0])
        self.assertEqual(rows[1][0], rated.name)
        text = " ".join(str(c) for c in rows[1])
        self.assertNotIn(EVALUATOR_PHONE, text)
        self.assertNotIn(EVALUATOR_NAME, text)
        self.assertIn(EVALUATOR_PHONE[:3] + "****" + EVALUATOR_PHONE[-4:], text)
        # The identity reader sees it in full, and the read is logged.
        rows = self._xlsx(self.identity_reader, rated)
        cell = self._evaluator_cells(rows)[0]
        self.assertIn(EVALUATOR_NAME, cell)
        self.assertIn(EVALUATOR_CERT, cell)
        self.assertTrue(
            self.env["gov.identity.access.log"].search(
                [
                    ("user_id", "=", self.identity_reader.id),
                    ("res_id", "=", rated.id),
                    ("res_model", "=", "gov.evaluation"),
                ]
            )
        )
        # The staff member rated never learns who rated them.
        rows = self._xlsx(self.clerk, rated)
        self.assertFalse(any(self._evaluator_cells(rows)))

    def test_rankings_xlsx(self):
        period = self._published_period()
        lines = period.line_ids.filtered(lambda li: li.kind == "department")
        content, _kind = self.env["ir.actions.report"]._render_xlsx(
            "gov_publish.ranking_xlsx", lines.ids, {}
        )
        book = load_workbook(io.BytesIO(content), read_only=True)
        self.assertEqual(len(book.sheetnames), 1)
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][2], period.digest)
        names = [row[1] for row in rows[2:]]
        self.assertEqual(names[0], self.dept_good.display_name)
        self.assertEqual(names[-1], self.dept_bad.display_name)
        self.assertEqual([row[0] for row in rows[2:]], list(range(1, len(names) + 1)))

    def test_background_export_streams_every_rating(self):
        job = self._run_export(region_id=self.city.id, valid_only=False)
        self.assertEqual(job.state, "done", job.error)
        self.assertEqual(job.total_count, 10)
        self.assertEqual(job.done_count, 10)
        self.assertEqual(job.progress, 100.0)
        data = base64.b64decode(job.result_file)
        # The file was copied into the filestore, and its attachment describes it.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "gov.export.job"),
                    ("res_field", "=", "result_file"),
                    ("res_id", "=", job.id),
                ]
            )
        )
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.file_size, len(data))
        self.assertEqual(attachment.checksum, hashlib.sha1(data).hexdigest())
        self.assertTrue(attachment.store_fname)
        self.assertEqual(
            attachment.mimetype,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        book = load_workbook(io.BytesIO(data))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(len(rows), 11)
        self.assertEqual(
            sorted(row[0] for row in rows[1:]), sorted(self.evaluations.mapped("name"))
        )
        # Filtered on a department: only its ratings, invalid ones left out.
        job = self._run_export(department_id=self.dept_bad.id, valid_only=True)
        self.assertEqual(job.done_count, 4)

    def test_background_export_goes_on_to_a_new_sheet_when_one_is_full(self):
        # Excel's sheet holds 1,048,575 rows below the header; here four.
        self.patch(gov_export_job._XlsxWriter, "rows_per_sheet", 4)
        self.patch(gov_export_job, "BATCH_SIZE", 3)
        job = self._run_export(region_id=self.city.id, valid_only=False)
        self.assertEqual(job.state, "done", job.error)
        book = load_workbook(io.BytesIO(base64.b64decode(job.result_file)))
        self.assertEqual(book.sheetnames, ["Ratings", "Ratings (2)", "Ratings (3)"])
        names = []
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(rows[0][0], "Reference", "every sheet has the header")
            self.assertLessEqual(len(rows) - 1, 4)
            names += [row[0] for row in rows[1:]]
        self.assertEqual(sorted(names), sorted(self.evaluations.mapped("name")))

    def test_interface_export_in_both_level_conventions(self):
        rated = self.evaluations.filtered(
            lambda e: e.comment == "窗口服务很好，可以公开，有事打13912345678"
        )
        for convention, expected in (("interface", "5"), ("gbt", "1")):
            job = self._run_export(
                export_format="interface",
                level_convention=convention,
                department_id=self.dept_good.id,
            )
            self.assertEqual(job.state, "done", job.error)
            reader = csv.DictReader(
                io.StringIO(base64.b64decode(job.result_file).decode())
            )
            records = {row["evaluationId"]: row for row in reader}
            self.assertEqual(len(records), 5)
            row = records[rated.name]
            self.assertEqual(row["satisfaction"], expected)
            self.assertEqual(row["pf"], "3")
            self.assertEqual(row["areaCode"], "530102000000")
            self.assertEqual(row["deptCode"], self.dept_good.gov_credit_code)
            self.assertEqual(row["taskCode"], "TEST-ITEM-1")
            self.assertEqual(row["anonymityFlag"], "2")
            # A supervisor without the identity right gets it masked.
            self.assertNotIn(EVALUATOR_PHONE, row["mobile"])
            self.assertTrue(row["mobile"].startswith("139****"))

    def test_monthly_report_has_figures_chart_and_units(self):
        board = (
            self.env["gov.publish.dashboard"]
            .with_user(self.supervisor)
            .create({"date_from": PERIOD_START, "date_to": PERIOD_END})
        )
        # Ten ratings, one invalid: nine count; five good, two bad.
        self.assertEqual(board.rating_count, 9)
        self.assertAlmostEqual(board.good_rate, 500 / 9, places=2)
        self.assertAlmostEqual(board.bad_rate, 200 / 9, places=2)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            ._render_qweb_html("gov_publish.report_monthly", board.ids)[0]
            .decode()
        )
        self.assertIn("<svg", html)
        self.assertIn("55.56", html)
        self.assertIn("22.22", html)
        best = html.index("Best departments")
        worst = html.index("Worst departments")
        self.assertLess(best, html.index(self.dept_good.name, best))
        self.assertGreater(html.index(self.dept_bad.name, worst), worst)
        self.assertIn(self.dept_bad.name, html[worst : html.index("Best windows")])

    def test_active_rating_rate(self):
        case = self.env["gov.case"].create(
            {
                "name": "TEST-CASE-ACTIVE-1",
                "item_id": self.item_good.id,
                "state": "done",
                "date_done": "2024-03-15 08:00:00",
            }
        )
        self.env["gov.case"].create(
            {
                "name": "TEST-CASE-ACTIVE-2",
                "item_id": self.item_good.id,
                "state": "done",
                "date_done": "2024-03-16 08:00:00",
            }
        )
        self._give_ratings(
            [
                {
                    "case_id": case.id,
                    "level": "4",
                    "channel": "sms",
                    "date": "2024-03-15 09:00:00",
                }
            ]
        )
        board = self.env["gov.publish.dashboard"].create(
            {
                "date_from": PERIOD_START,
                "date_to": PERIOD_END,
                "department_id": self.dept_good.id,
            }
        )
        self.assertEqual(board.done_case_count, 2)
        self.assertEqual(board.rated_case_count, 1)
        self.assertEqual(board.active_rate, 50.0)
