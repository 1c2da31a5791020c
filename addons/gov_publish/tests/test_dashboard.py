import html
from datetime import datetime

from odoo.tests import TransactionCase, tagged

from odoo.addons.gov_publish.models.gov_publish_dashboard import _best_and_worst

from .common import PERIOD_END, PERIOD_START, GovPublishCase


@tagged("post_install", "-at_install")
class TestDashboard(GovPublishCase, TransactionCase):
    """The dashboard as a supervisor opens it and the leader's monthly report."""

    def _board(self, **vals):
        return (
            self.env["gov.publish.dashboard"]
            .with_user(self.supervisor)
            .create({"date_from": PERIOD_START, "date_to": PERIOD_END, **vals})
        )

    def _names(self, board, title):
        return [
            name
            for block_title, units in board._gov_figures()["blocks"]
            if block_title == title
            for name, _fig in units
        ]

    def test_the_menu_opens_a_dashboard(self):
        Dashboard = self.env["gov.publish.dashboard"].with_user(self.supervisor)
        action = Dashboard.action_open()
        self.assertEqual(action["res_model"], "gov.publish.dashboard")
        board = Dashboard.browse(action["res_id"])
        self.assertTrue(board.exists(), "a saved record, not a new one")
        self.assertEqual(board.display_name, "Dashboard")
        self.assertEqual(board.date_from.day, 1)
        self.assertEqual(board.setup_progress, 100, "the checklist is the manager's")
        manager_board = Dashboard.with_user(self.manager).create({})
        self.assertLessEqual(manager_board.setup_progress, 100)

    def test_every_block_follows_the_filters(self):
        window_good = f"{self.hall_a.display_name} · {self.window_good.display_name}"
        window_bad = f"{self.hall_b.display_name} · {self.window_bad.display_name}"
        board = self._board()
        self.assertEqual(self._names(board, "Best windows"), [window_good])
        self.assertEqual(self._names(board, "Worst windows"), [window_bad])
        board = self._board(department_id=self.dept_good.id)
        self.assertEqual(self._names(board, "Best departments"), ["测试甲局"])
        self.assertEqual(self._names(board, "Worst departments"), [])
        self.assertEqual(self._names(board, "Best windows"), [window_good])
        board = self._board(region_id=self.county_b.id)
        self.assertEqual(self._names(board, "Best windows"), [window_bad])
        self.assertEqual(self._names(board, "Best departments"), [])
        self.assertEqual(board.rating_count, 4, "the second county's valid ratings")

    def test_best_and_worst_never_overlap(self):
        for size in range(12):
            ranking = list(range(size))
            best, worst = _best_and_worst(ranking)
            self.assertFalse(set(best) & set(worst), size)
            self.assertEqual(best, ranking[: len(best)], "best first")
            self.assertEqual(worst, ranking[::-1][: len(worst)], "worst first")
            self.assertEqual(len(best) + len(worst), min(size, 10))

    def test_the_chart_fits_a_phone(self):
        chart = self._board()._gov_figures()["chart"]
        self.assertIn('width="100%"', chart)
        self.assertIn('viewBox="0 0 640 180"', chart)
        self.assertIn("max-width: 640px", chart)

    def test_monthly_report_compares_with_the_previous_month(self):
        self._give_ratings(
            [
                {
                    **self._rating("5", self.staff_good, self.item_good, 1),
                    "date": datetime(2024, 2, 10, 10, 0),
                }
            ]
        )
        board = self._board()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            ._render_qweb_html("gov_publish.report_monthly", board.ids)[0]
            .decode()
        )
        self.assertIn(self.env.company.name, html)
        self.assertIn('class="page"', html, "page numbers in the footer")
        self.assertIn('class="topage"', html)
        self.assertIn("2024-02-01", html)
        self.assertIn("2024-02-29", html)
        changes = {row[0]: row[1:] for row in board._gov_figures()["changes"]}
        self.assertEqual(changes["Ratings"], ("9", "1", "+8"))
        self.assertEqual(changes["Good-review Rate (%)"][1], "100.00")
        self.assertIn("Satisfaction Rate (%)", changes)
        self.assertIn("+8", html)
        self.assertIn("Satisfaction Rate (%)", html)
        self.assertIn(f"{self.hall_a.display_name} · ", html, "windows with their hall")

    def test_the_approval_step_and_the_wizards_speak_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["gov_rating", "gov_publish"], ["zh_CN"], overwrite=True
        )
        Period = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .with_context(lang="zh_CN")
        )
        arch = Period.get_views([(False, "form")])["views"]["form"]["arch"]
        arch = html.unescape(arch.decode() if isinstance(arch, bytes) else arch)
        for chinese in (
            'string="提交审批"',
            'string="批准"',
            'string="驳回"',
            "此记录需要审批",
        ):
            self.assertIn(chinese, arch)
        for english in ("Request Validation", 'string="Validate"', "needs to be"):
            self.assertNotIn(english, arch)
        self.assertEqual(
            dict(
                Period._fields["validation_status"]._description_selection(Period.env)
            )["validated"],
            "已审批",
        )
        review = (
            self.env["gov.evaluation"]
            .with_user(self.supervisor)
            .with_context(lang="zh_CN")
            .browse()
            .action_open_review()
        )
        self.assertEqual(review["name"], "审核评价")
