import re
from datetime import date, datetime

from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .complaint_common import CODE_RE, PDF, PNG, ComplaintCase

REPLY_RE = re.compile(r"Reply of the unit, ([^<]+)</div>")


@tagged("post_install", "-at_install")
class TestComplaintDesk(HttpCase, ComplaintCase):
    """A citizen files a complaint on the public desk and follows it by its code."""

    mail_under_test = True

    def test_complaint_becomes_work_order_and_reply_is_visible_by_code(self):
        response = self._complaint_post(files=[("photo.png", PNG, "image/png")])
        self.assertEqual(response.status_code, 200)
        code = CODE_RE.search(response.text).group(1)
        complaint = self.env["gov.complaint"].search([("code", "=", code)])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.name, "窗口人员态度恶劣")
        self.assertEqual(complaint.status, "received")
        # A work order dispatched to the unit, on the common path and deadlines.
        order = complaint.order_id
        self.assertEqual(order.source, "complaint")
        self.assertEqual(order.department_id, self.dept_a)
        self.assertEqual(order.step, "new")
        self.assertTrue(order.date_deadline)
        self.assertIn(code, order.description)
        self.assertIn("周敏", order.description)
        self.assertEqual(order.sudo().citizen_phone, "13800138000")
        self.assertTrue(order.visit_required, "a named complainant is followed up")
        evidence = self.env["ir.attachment"].search(
            [("res_model", "=", "gov.rectify.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(evidence.mapped("mimetype"), ["image/png"])
        # The unit's handler sees the order; the other unit not. The first step
        # is the verification: its to-do is the supervisor's, who follows the order.
        Order = self.env["gov.rectify.order"]
        self.assertIn(order, Order.with_user(self.handler).search([]))
        self.assertNotIn(order, Order.with_user(self.handler_b).search([]))
        self.assertEqual(order.activity_ids.user_id, self.supervisor)
        self.assertIn(self.supervisor.partner_id, order.message_partner_ids)
        Complaint = self.env["gov.complaint"]
        self.assertIn(complaint, Complaint.with_user(self.handler).search([]))
        self.assertNotIn(complaint, Complaint.with_user(self.handler_b).search([]))
        self.assertEqual(
            complaint.with_user(self.handler).contact_masked, "赵* 138****8000"
        )
        # The citizen follows it: status, no reply yet, nothing private.
        page = self._track(code.lower()[:4] + "-" + code[4:]).text
        self.assertIn("Received, being verified", page)
        self.assertIn("窗口人员态度恶劣", page)
        self.assertNotIn("13800138000", page)
        self.assertNotIn("赵丽", page)
        self.assertNotIn("o_gov_complaint_reply", page)
        # The unit replies along the loop: the reply shows by code.
        self._run_to(order, "visit")
        self.assertEqual(complaint.status, "replied")
        page = self._track(code).text
        self.assertIn("Replied", page)
        self.assertIn("已整改，感谢监督", page)
        # Replied at 00:30 Beijing time on 10 March: dated 10 March for the citizen.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE gov_rectify_order SET date_replied = %s WHERE id = %s",
            [datetime(2026, 3, 9, 16, 30), order.id],
        )
        order.invalidate_recordset(["date_replied"])
        reply = REPLY_RE.search(self._track(code).text).group(1)
        self.assertEqual(reply, format_date(self.env, date(2026, 3, 10)))
        # A supervisor publishes the result.
        complaint.with_user(self.supervisor).action_publish()
        self.assertTrue(complaint.is_published)
        self.assertEqual(complaint.published_result, "已整改，感谢监督")

    def test_anonymous_complaint_keeps_no_contact(self):
        response = self._complaint_post(
            anonymous="1", contact_name="不该保存", contact_phone="bad"
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["gov.complaint"].search(
            [("code", "=", CODE_RE.search(response.text).group(1))]
        )
        self.assertTrue(complaint.anonymous)
        self.assertFalse(complaint.sudo().contact_name)
        self.assertFalse(complaint.order_id.sudo().citizen_name)
        self.assertFalse(complaint.order_id.visit_required)

    def test_hostile_inputs_get_4xx_and_store_nothing(self):
        before = self._counts()
        big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
        cases = [
            ({"csrf": False}, 400, "The form has expired"),
            ({"files": [("big.pdf", big, "application/pdf")]}, 413, "larger than 5 MB"),
            (
                {"files": [("x.exe", b"MZ\x90\x00" * 64, "application/pdf")]},
                415,
                "is not a JPEG, PNG or WebP image or a PDF",
            ),
            (
                {"files": [(f"p{n}.pdf", PDF, "application/pdf") for n in range(4)]},
                400,
                "Attach at most 3 files",
            ),
            ({"subject": ""}, 422, "Give a subject"),
            ({"description": "太短"}, 422, "at least 10 characters"),
            ({"department_id": "999999"}, 422, "Choose the unit"),
            ({"department_id": "1 OR 1=1"}, 422, "Choose the unit"),
            ({"contact_phone": "12345"}, 422, "not a valid mobile number"),
            ({"contact_name": ""}, 422, "Give your name and phone number"),
        ]
        for kwargs, status, message in cases:
            with self.subTest(kwargs=list(kwargs)):
                response = self._complaint_post(**kwargs)
                self.assertEqual(response.status_code, status)
                self.assertIn(message, response.text)
                self.assertIn("o_gov_complaint_error", response.text)
                self.assertEqual(self._counts(), before)
        # A request larger than three files of 5 MB and the form is cut short.
        response = self._complaint_post(
            files=[("huge.pdf", big * 4, "application/pdf")]
        )
        self.assertEqual(response.status_code, 413)
        self.assertEqual(self._counts(), before)
        # What the citizen typed is kept in the form they get back.
        response = self._complaint_post(subject="", description="排队两个小时没人管")
        self.assertIn("排队两个小时没人管", response.text)

    def test_rate_limit_per_address_and_one_complaint_per_form(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "gov_rectify.complaint_limit_per_hour", 2
        )
        token, key = self._form_tokens()
        data = {
            "csrf_token": token,
            "submission_key": key,
            "subject": "重复提交",
            "department_id": str(self.dept_a.id),
            "description": "同一张表单提交了两次，只应有一件投诉。",
            "anonymous": "1",
        }
        first = self.url_open("/gov/complaint/submit", data=data)
        again = self.url_open("/gov/complaint/submit", data=data)
        self.assertEqual(
            CODE_RE.search(first.text).group(1), CODE_RE.search(again.text).group(1)
        )
        self.assertEqual(
            self.env["gov.complaint"].search_count([("name", "=", "重复提交")]), 1
        )
        self.assertEqual(self._complaint_post().status_code, 200)
        before = self._counts()
        response = self._complaint_post()
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many attempts from your network", response.text)
        self.assertEqual(self._counts(), before)

    def test_wrong_codes_get_a_clear_message_and_are_rate_limited(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "gov_rectify.track_miss_limit_per_hour", 3
        )
        complaint = (
            self.env["gov.complaint"]
            .sudo()
            .create(
                {
                    "name": "他人的投诉",
                    "department_id": self.dept_b.id,
                    "description": "别的群众的投诉内容，不应被猜到。",
                    "contact_name": "钱多",
                    "contact_phone": "13700000000",
                }
            )
        )
        for code in ("WRONGCODE234", "x", "' OR 1=1 --"):
            response = self._track(code)
            self.assertEqual(response.status_code, 404)
            self.assertIn("No complaint has this tracking code", response.text)
            self.assertNotIn("他人的投诉", response.text)
        # Over the limit even the right code waits: guessing is not worth it.
        response = self._track(complaint.code)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("他人的投诉", response.text)
        # Without the CSRF token nothing is looked up.
        response = self.url_open("/gov/complaint/track", data={"code": complaint.code})
        self.assertEqual(response.status_code, 400)

    def test_get_never_writes(self):
        RateLimit = self.env["gov.rate.limit"].sudo()
        counters = RateLimit.search_count([])
        response = self.url_open("/gov/complaint/track?code=ABCDEFGHJKMN")
        self.assertEqual(response.status_code, 200)
        self.assertIn('value="ABCDEFGHJKMN"', response.text)
        self.assertNotIn("o_gov_complaint_status", response.text)
        self.url_open("/gov/complaint")
        self.assertEqual(RateLimit.search_count([]), counters)
        self.assertEqual(self.url_open("/gov/complaint/submit").status_code, 405)

    def test_only_public_service_units_are_listed_and_accepted(self):
        outside = self.env["hr.department"].create({"name": "Long Term Projects"})
        page = self.url_open("/gov/complaint").text
        self.assertIn(f'value="{self.dept_a.id}"', page)
        self.assertIn(f'value="{self.dept_b.id}"', page)
        for unit in (self.subdept, outside):
            self.assertNotIn(f'value="{unit.id}"', page, unit.name)
        self.assertNotIn("Long Term Projects", page)
        # The form of a stranger naming a unit that is not listed is refused.
        before = self._counts()
        response = self._complaint_post(department_id=str(self.subdept.id))
        self.assertEqual(response.status_code, 422)
        self.assertIn("Choose the unit", response.text)
        self.assertEqual(self._counts(), before)

    def test_the_website_menu_and_the_rating_pages_lead_to_the_desk(self):
        home = self.url_open("/gov/roster").text
        menu = home[home.index("<header") : home.index("</header>")]
        self.assertIn('href="/gov/complaint"', menu)
        rating_page = self.url_open(f"/gov/r/{self.window.gov_qr_token}").text
        footer = rating_page[rating_page.index("<footer>") :]
        self.assertIn('<a href="/gov/complaint">Online Complaint</a>', footer)
