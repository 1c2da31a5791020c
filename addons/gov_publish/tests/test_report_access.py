import base64
import csv
import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import EVALUATOR_CERT, PERIOD_END, PERIOD_START, GovPublishCase

# How citizens type their numbers into a comment, and what any non-reader sees.
TYPED = "回电 138 1234 5678 或 138-1234-5678 或 １３８１２３４５６７８，证件 {cert}"


@tagged("post_install", "-at_install")
class TestReportAccess(GovPublishCase, HttpCase):
    """Reports and exports rendered by id give only the rows the caller may read,
    with the comments masked for those who may not read identities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.monitor = new_test_user(cls.env, "pb_monitor", groups="base.group_portal")
        cls.clerk_other = new_test_user(
            cls.env, "pb_clerk2", groups="base.group_user,gov_rating.group_gov_clerk"
        )
        cls.env["hr.employee"].create(
            {
                "name": "测试员丙",
                "department_id": cls.dept_bad.id,
                "user_id": cls.clerk_other.id,
            }
        )
        cls.typed = cls._give_ratings(
            [
                {
                    **cls._rating("2", cls.staff_bad, cls.item_bad, 12),
                    "comment": TYPED.format(cert=EVALUATOR_CERT),
                    "evaluator_name": "欧阳测评",
                }
            ]
        )
        cls.good_ids = ",".join(
            str(i) for i in cls.evaluations.filtered(lambda e: e.level == "5").ids
        )

    def _xlsx_url(self, ids):
        return f"/report/xlsx/gov_publish.evaluation_xlsx/{ids}"

    def _refused(self, url):
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 403, url)
        return response

    def _rows(self, content):
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def test_portal_monitor_and_out_of_scope_clerk_get_403(self):
        for login in ("pb_monitor", "pb_clerk2"):
            self.authenticate(login, login)
            response = self._refused(self._xlsx_url(self.good_ids))
            self.assertNotIn(b"PK", response.content[:2], "no workbook")

    def test_rated_clerk_gets_own_rows_only(self):
        self.authenticate("pb_clerk", "pb_clerk")
        response = self.url_open(self._xlsx_url(self.good_ids))
        self.assertEqual(response.status_code, 200)
        rows = self._rows(response.content)
        self.assertEqual(len(rows), 6, "the five ratings of 测试员甲, nothing else")
        evaluator = rows[0].index("Evaluator")
        self.assertFalse(any(row[evaluator] for row in rows[1:]))
        # Asking for someone else's rating too is refused as a whole.
        other = self.evaluations.filtered(lambda e: e.level == "1")[:1]
        self._refused(self._xlsx_url(f"{self.good_ids},{other.id}"))

    def _assert_masked(self, text):
        self.assertNotIn("1234 5678", text)
        self.assertNotIn("1234-5678", text)
        self.assertNotIn("１２３４５６７８", text)
        self.assertNotIn(EVALUATOR_CERT, text)
        self.assertNotIn("欧阳测评", text)
        self.assertEqual(text.count("138****5678"), 3)
        self.assertIn(EVALUATOR_CERT[:4] + "*" * 10 + EVALUATOR_CERT[-4:], text)

    def test_xlsx_report_masks_typed_numbers_for_non_readers(self):
        self.authenticate("pb_handler", "pb_handler")
        response = self.url_open(self._xlsx_url(self.typed.id))
        self.assertEqual(response.status_code, 200)
        rows = self._rows(response.content)
        self._assert_masked(rows[1][rows[0].index("Comment")])

    def test_background_exports_mask_typed_numbers_for_non_readers(self):
        for export_format in ("xlsx", "interface"):
            job = (
                self.env["gov.export.job"]
                .with_user(self.handler)
                .create(
                    {
                        "export_format": export_format,
                        "date_from": PERIOD_START,
                        "date_to": PERIOD_END,
                        "department_id": self.dept_bad.id,
                    }
                )
            )
            job.action_queue()
            self.env["gov.export.job"]._cron_process()
            self.assertEqual(job.state, "done", job.error)
            data = base64.b64decode(job.result_file)
            if export_format == "xlsx":
                rows = self._rows(data)
                comments = [row[rows[0].index("Comment")] for row in rows[1:]]
            else:
                reader = csv.DictReader(io.StringIO(data.decode()))
                comments = [row["writingEvaluation"] for row in reader]
            [comment] = [c for c in comments if c and c.startswith("回电")]
            self._assert_masked(comment)

    def test_monthly_report_of_another_user_is_refused(self):
        board = (
            self.env["gov.publish.dashboard"]
            .with_user(self.supervisor)
            .create({"date_from": PERIOD_START, "date_to": PERIOD_END})
        )
        Report = self.env["ir.actions.report"]
        for user in (self.supervisor_2, self.handler, self.monitor):
            with self.assertRaises(AccessError, msg=user.login):
                Report.with_user(user)._render_qweb_html(
                    "gov_publish.report_monthly", board.ids
                )
        self.authenticate("pb_handler", "pb_handler")
        self._refused(f"/report/html/gov_publish.report_monthly/{board.id}")
