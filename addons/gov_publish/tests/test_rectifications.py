from datetime import datetime

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.gov_rating import guard
from odoo.addons.gov_rectify.models.gov_rectify_order import TRANSITION

from .common import (
    EVALUATOR_CERT,
    EVALUATOR_NAME,
    EVALUATOR_PHONE,
    PERIOD_END,
    PERIOD_START,
    GovPublishCase,
)

IDENTITIES = (EVALUATOR_NAME, EVALUATOR_PHONE, EVALUATOR_CERT, EVALUATOR_CERT[-6:])
URL = "/gov/results/rectifications"


@tagged("post_install", "-at_install")
class TestRectificationResults(GovPublishCase, HttpCase):
    """The second department's bad reviews of March 2024 and their work orders:
    five that count (two closed: one whose author allowed the comment, one who did
    not), one followed up; the invalid rating's order does not count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        identity = {
            "evaluator_name": EVALUATOR_NAME,
            "evaluator_phone": EVALUATOR_PHONE,
            "evaluator_cert": EVALUATOR_CERT,
        }
        consented, refused, still_open = (
            dict(cls._rating(level, cls.staff_bad, cls.item_bad, day), **extra)
            for level, day, extra in (
                ("1", 12, {"comment": f"办理太慢，回电{EVALUATOR_PHONE}", **identity}),
                (
                    "2",
                    13,
                    {
                        "comment": "不愿公开的差评",
                        "publish_comment": False,
                        **identity,
                    },
                ),
                ("2", 14, {"comment": "还在整改中的差评"}),
            )
        )
        ratings = cls._give_ratings([consented, refused, still_open])
        Order = cls.env["gov.rectify.order"].sudo()
        cls.orders = Order.search([("department_id", "=", cls.dept_bad.id)])
        # Opened in the published month (the ratings are dated March 2024).
        cls.orders.write({"date_open": datetime(2024, 3, 15, 9, 0)})
        cls.order_consented, cls.order_refused, cls.order_open = (
            Order.search([("evaluation_id", "=", rating.id)]) for rating in ratings
        )
        for order in cls.order_consented | cls.order_refused:
            cls._close(order)
        cls.order_consented.date_visited = fields.Datetime.now()

    @classmethod
    def _close(cls, order):
        """Closed with its work recorded (the steps are gov_rectify's own tests)."""
        with guard.allowed(TRANSITION):
            order.write(
                {
                    "verification": "true",
                    "rectify_kind": "immediate",
                    "rectify_note": "当场补办",
                    "reply_text": f"{EVALUATOR_NAME}您好，已当场补办，感谢监督",
                    "date_rectified": fields.Datetime.now(),
                    "rectified_on_time": True,
                    "date_replied": fields.Datetime.now(),
                    "stage_id": order._stage_for("closed").id,
                }
            )

    def _get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        for identity in IDENTITIES:
            self.assertNotIn(identity, response.text, f"{url} shows an identity")
        return response.text

    # ------------------------------------------------------------- figures
    def test_dashboard_and_monthly_report_show_rectification_kpis(self):
        board = (
            self.env["gov.publish.dashboard"]
            .with_user(self.supervisor)
            .create(
                {
                    "date_from": PERIOD_START,
                    "date_to": PERIOD_END,
                    "department_id": self.dept_bad.id,
                }
            )
        )
        self.assertEqual(board.order_count, 5, "the invalid rating's order is out")
        self.assertEqual(board.rectified_rate, 40.0)
        self.assertEqual(board.on_time_rate, 40.0)
        self.assertEqual(board.visit_rate, 20.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("gov_publish.report_monthly", board.ids)[0]
            .decode()
        )
        self.assertIn("Rectification Rate (%)", html)
        self.assertIn("40.00", html)
        self.assertIn("20.00", html)

    def test_published_lines_carry_the_rectification_figures_sealed(self):
        period = self._published_period()
        bad = period.line_ids.filtered(
            lambda li: li.kind == "department" and li.res_id == self.dept_bad.id
        )
        self.assertEqual(
            (bad.order_count, bad.rectified_rate, bad.on_time_rate, bad.visit_rate),
            (5, 40.0, 40.0, 20.0),
        )
        city = period.line_ids.filtered(
            lambda li: li.kind == "region" and li.res_id == self.city.id
        )
        self.assertEqual(city.order_count, 5, "rolled up to the city")
        self.assertTrue(period._gov_verify()["ok"])
        # New work orders do not change the publication.
        self._close(self.order_open)
        self.assertEqual(bad.rectified_rate, 40.0)
        self.assertTrue(period._gov_verify()["ok"])
        html = self._get(f"/gov/results/rankings?period={period.id}&kind=department")
        self.assertIn("rectified 40.0%", html)
        # Altered behind the ORM's back: the digest no longer matches.
        self.env.cr.execute(
            "UPDATE gov_publish_line SET rectified_rate = 99 WHERE id = %s", [bad.id]
        )
        bad.invalidate_recordset()
        self.assertFalse(period._gov_verify()["ok"])

    # ---------------------------------------------------------- public page
    def test_public_page_lists_closed_orders_masked_and_consented_only(self):
        html = self._get(f"{URL}?department={self.dept_bad.id}")
        listing = html[html.index("o_gov_rectifications") :]
        self.assertIn(self.order_consented.name, listing)
        self.assertIn(self.order_refused.name, listing)
        self.assertNotIn(self.order_open.name, html, "an open order is not a result")
        self.assertNotIn("还在整改中的差评", html)
        self.assertIn("办理太慢，回电139****4321", html, "the phone is masked")
        self.assertNotIn("不愿公开的差评", html, "the evaluator refused publication")
        self.assertIn(EVALUATOR_NAME[0] + "***您好", html, "the name is masked")
        self.assertIn("Fixed at once", html)
        self.assertIn(self.dept_bad.name, listing)
        self.assertIn(self.item_bad.name, listing)
        # Another department: none of these.
        html = self._get(f"{URL}?department={self.dept_good.id}")
        self.assertNotIn(self.order_consented.name, html)
        # The tab bar of every public page links to it.
        self.assertIn(f'href="{URL}"', self._get("/gov/results/items"))

    def test_typical_cases_first_and_chosen_by_a_supervisor_only(self):
        html = self._get(f"{URL}?department={self.dept_bad.id}")
        self.assertLess(
            html.index(self.order_refused.name), html.index(self.order_consented.name)
        )
        as_handler = self.order_consented.with_user(self.handler)
        with self.assertRaises(UserError):
            as_handler.action_mark_typical()
        with self.assertRaises(UserError):
            as_handler.write({"publish_typical": True})
        with self.assertRaises(UserError):
            self.order_open.with_user(self.supervisor).action_mark_typical()
        self.order_consented.with_user(self.supervisor).action_mark_typical()
        self.assertTrue(self.order_consented.publish_typical)
        html = self._get(f"{URL}?department={self.dept_bad.id}")
        self.assertLess(
            html.index(self.order_consented.name), html.index(self.order_refused.name)
        )
        self.assertIn("Typical case", html)

    def test_published_complaints_assessments_and_suggestions(self):
        Complaint = self.env["gov.complaint"].sudo()
        published, unpublished = Complaint.create(
            [
                {
                    "name": f"测试投诉已公开 {subject}",
                    "department_id": self.dept_good.id,
                    "description": "窗口推诿",
                    "anonymous": True,
                }
                for subject in ("甲", "乙")
            ]
        )
        published.write(
            {
                "is_published": True,
                "published_result": f"已约谈窗口人员，投诉人{EVALUATOR_PHONE}已回访",
                "date_published": fields.Datetime.now(),
            }
        )
        unpublished.published_result = "未公开的投诉处理结果"
        self.env["gov.assessment"].create(
            [
                {
                    "assessor": "测试第三方评估机构",
                    "object_type": "department",
                    "department_id": self.dept_good.id,
                    "date_from": PERIOD_START,
                    "date_to": PERIOD_END,
                    "score": 92.5,
                    "findings": findings,
                    "is_published": findings == "公开的评估结论",
                }
                for findings in ("公开的评估结论", "未公开的评估结论")
            ]
        )
        self.env["gov.suggestion"].create(
            [
                {
                    "subject": subject,
                    "content": f"请增设取号机，{EVALUATOR_NAME}，{EVALUATOR_CERT}",
                    "department_id": self.dept_good.id,
                    "contact_name": EVALUATOR_NAME,
                    "contact_phone": EVALUATOR_PHONE,
                    "handling_note": "已增设两台",
                    "is_published": subject == "公开的建议",
                }
                for subject in ("公开的建议", "未公开的建议")
            ]
        )
        html = self._get(f"{URL}?department={self.dept_good.id}")
        self.assertIn(published.name, html)
        self.assertIn("已约谈窗口人员，投诉人139****4321已回访", html)
        self.assertNotIn(unpublished.name, html)
        self.assertNotIn("未公开的投诉处理结果", html)
        self.assertIn("公开的评估结论", html)
        self.assertIn("92.50", html)
        self.assertNotIn("未公开的评估结论", html)
        self.assertIn("公开的建议", html)
        self.assertIn("已增设两台", html)
        self.assertNotIn("未公开的建议", html)
        self.assertIn(EVALUATOR_NAME[0] + "***", html, "the writer's name masked")

    def test_bad_parameters_get_a_clear_message(self):
        for query in ("page=abc", "department=99999999", "region=-1", "page=0x10"):
            html = self._get(f"{URL}?{query}", status=400)
            self.assertIn("o_gov_error", html)
