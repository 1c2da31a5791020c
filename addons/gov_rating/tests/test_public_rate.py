import base64
from datetime import timedelta

from odoo.tests import tagged

from .channels_common import GovHttpCase


@tagged("post_install", "-at_install")
class TestPublicRate(GovHttpCase):
    def setUp(self):
        super().setUp()
        self.url = f"/gov/r/{self.seat.gov_qr_token}"
        self.recent = self._case(
            "QR-RECENT", done_ago=timedelta(minutes=20), phone="13912348000"
        )
        self.earlier = self._case("QR-EARLIER", done_ago=timedelta(days=3))
        self.too_old = self._case("QR-TOO-OLD", done_ago=timedelta(days=30))

    def _submit(self, data, token=None):
        csrf = self._csrf(self.url)
        return self._post_form(
            f"/gov/r/{token or self.seat.gov_qr_token}/submit",
            {"csrf_token": csrf, **data},
        )

    def test_scan_page_shows_no_case_nor_identity_and_writes_nothing(self):
        count = self.env["gov.evaluation"].search_count([])
        links = self.env["gov.case.link"].search_count([])
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("市场监管窗口 · 07-1", page)
        self.assertIn("You are rating this visit.", page)
        for case in (self.recent, self.earlier):
            self.assertNotIn(case.name, page)
            self.assertNotIn(case.rating_code, page)
            self.assertNotIn(f'value="{case.id}"', page)
        self.assertNotIn(self.item.name, page, "no case is listed")
        self.assertNotIn("张", page, "no applicant, not even masked")
        self.assertNotIn("1391234", page)
        for level in self.levels.values():
            self.assertIn(level.face, page)
        self.assertIn(self.good_counter_tag.name, page)
        self.assertNotIn("/web/assets/", page, "no asset bundle")
        self.assertLess(len(response.content), 100_000)
        self.assertEqual(self.env["gov.evaluation"].search_count([]), count)
        self.assertEqual(self.env["gov.case.link"].search_count([]), links)

    def test_rate_a_picked_case(self):
        response = self._submit(
            {
                "case_number": "QR-RECENT",
                "proof": "8000",
                "level": "5",
                "tag_ids": [str(self.good_counter_tag.id)],
                "comment": "办得很快",
                "name": "张三丰",
                "phone": "13800138000",
                "anonymous": "1",
                "no_publish": "1",
            }
        )
        self.assertEqual(response.status_code, 303)
        evaluation = self._evaluations(case_id=self.recent.id)
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(evaluation.channel, "qr")
        self.assertEqual(evaluation.level, "5")
        self.assertEqual(evaluation.employee_id, self.staff_a)
        self.assertEqual(evaluation.tag_ids, self.good_counter_tag)
        self.assertEqual(evaluation.comment, "办得很快")
        self.assertTrue(evaluation.anonymous)
        self.assertFalse(evaluation.publish_comment)
        self.assertEqual(evaluation.sudo().evaluator_phone, "13800138000")
        self.assertEqual(evaluation.sudo().ip_address, "127.0.0.1")
        thanks = self.url_open(response.headers["Location"])
        self.assertEqual(thanks.status_code, 200)
        self.assertIn(evaluation.name, thanks.text)
        self.assertIn(self.levels["5"].face, thanks.text)

    def test_rate_the_visit_and_a_case_by_number_later(self):
        response = self._submit({"level": "4"})
        self.assertEqual(response.status_code, 303)
        visit = self._evaluations(seat_id=self.seat.id, case_id=False)
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.employee_id, self.staff_a)
        self.assertEqual(visit.window_id, self.window)
        response = self._submit(
            {
                "level": "3",
                "case_number": "QR-EARLIER",
                "proof": self.earlier.rating_code.lower(),
            }
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._evaluations(case_id=self.earlier.id).level, "3")
        response = self._submit(
            {
                "level": "3",
                "case_number": "QR-TOO-OLD",
                "proof": self.too_old.rating_code,
            }
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("supplementary rating window", response.text)
        self.assertFalse(self._evaluations(case_id=self.too_old.id))

    def test_codes_of_window_hall_and_staff_rate_their_object(self):
        for record, field, empty in (
            (self.window, "window_id", "employee_id"),
            (self.hall, "hall_id", "window_id"),
            (self.staff_b, "employee_id", "case_id"),
        ):
            response = self._submit({"level": "5"}, token=record.gov_qr_token)
            self.assertEqual(response.status_code, 303)
            evaluation = self.env["gov.evaluation"].search([], order="id desc", limit=1)
            self.assertEqual(evaluation[field], record)
            self.assertFalse(evaluation[empty])
            self.assertEqual(evaluation.channel, "qr")

    def test_bad_input_is_refused_whole(self):
        count = self.env["gov.evaluation"].search_count([])
        cases = [
            ({}, "Choose one of the five levels"),
            ({"level": "6"}, "Choose one of the five levels"),
            ({"level": "<script>"}, "Choose one of the five levels"),
            ({"level": "1", "tag_ids": ["99999999"]}, "does not exist"),
            ({"level": "1", "tag_ids": ["abc"]}, "does not exist"),
            (
                {"level": "1", "tag_ids": [str(self.good_counter_tag.id)]},
                "does not go with this level",
            ),
            (
                {"level": "1", "tag_ids": [str(self.bad_online_tag.id)]},
                "does not exist",
            ),
            ({"level": "5", "comment": "长" * 501}, "too long"),
            ({"level": "5", "phone": "12345"}, "11-digit mobile"),
            ({"level": "5", "cert": "110101199003070000"}, "not valid"),
            ({"level": "5", "case_number": "NO-SUCH-CASE"}, "supplementary"),
            (
                {"level": "5", "case_number": "QR-RECENT", "proof": "0000"},
                "supplementary",
            ),
        ]
        for data, message in cases:
            response = self._submit(data)
            self.assertEqual(response.status_code, 400, data)
            self.assertIn(message, response.text, data)
        self.assertEqual(self.env["gov.evaluation"].search_count([]), count)

    def test_post_without_csrf_token_is_refused(self):
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._post_form(
                f"/gov/r/{self.seat.gov_qr_token}/submit", {"level": "5"}
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._evaluations(seat_id=self.seat.id))

    def test_get_on_submit_url_does_not_rate(self):
        response = self.url_open(f"/gov/r/{self.seat.gov_qr_token}/submit?level=5")
        self.assertEqual(response.status_code, 405)
        self.assertFalse(self._evaluations(seat_id=self.seat.id))

    def test_unknown_and_revoked_codes(self):
        old = self.seat.gov_qr_token
        self.seat.action_regenerate_qr()
        for token in (old, "S" + "x" * 21, "nope"):
            response = self.url_open(f"/gov/r/{token}")
            self.assertEqual(response.status_code, 404)
            self.assertIn("not valid", response.text)
        # A NUL character is refused before the route reads the token.
        response = self.url_open("/gov/r/%00%27")
        self.assertEqual(response.status_code, 400)
        forged = self.url_open("/gov/thanks/1/0123abcd")
        self.assertEqual(forged.status_code, 404)

    def test_rate_limit_per_ip(self):
        self.env["gov.rate.limit"].search([]).unlink()
        self.env["ir.config_parameter"].set_param("gov_rating.limit_ip_per_hour", 2)
        self.assertEqual(self._submit({"level": "5"}).status_code, 303)
        self.assertEqual(self._submit({"level": "5"}).status_code, 303)
        response = self._submit({"level": "5"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many ratings", response.text)
        self.assertEqual(len(self._evaluations(seat_id=self.seat.id)), 2)
        self.env["gov.rate.limit"]._gc_expired()
        self.assertTrue(self.env["gov.rate.limit"].search_count([]))

    def test_wrong_proofs_are_refused_and_counted_by_the_limiter(self):
        self.env["gov.rate.limit"].search([]).unlink()
        self.env["ir.config_parameter"].set_param("gov_rating.limit_ip_per_hour", 2)
        for proof in ("0000", "000000"):
            response = self._submit(
                {"level": "5", "case_number": "QR-RECENT", "proof": proof}
            )
            self.assertEqual(response.status_code, 400)
            self.assertIn("last four digits", response.text)
        response = self._submit(
            {"level": "5", "case_number": "QR-RECENT", "proof": self.recent.rating_code}
        )
        self.assertEqual(response.status_code, 429)
        self.assertFalse(self._evaluations(case_id=self.recent.id))

    def test_chinese_by_default_english_when_asked(self):
        zh = self.env["res.lang"]._activate_lang("zh_CN")
        website = self.env["website"].get_current_website()
        website.language_ids = [(4, zh.id)]
        website.default_lang_id = zh
        self.levels["5"].with_context(lang="zh_CN").name = "非常满意"
        response = self.url_open(self.url, headers={"Accept-Language": "zh-CN,zh"})
        self.assertIn('lang="zh-CN"', response.text)
        self.assertIn("非常满意", response.text)
        self.opener.cookies.set("frontend_lang", None)
        response = self.url_open(self.url, headers={"Accept-Language": "en-US,en"})
        self.assertIn('lang="en-US"', response.text)
        self.assertIn("Very satisfied", response.text)
        self.assertNotIn("非常满意", response.text)

    def test_questionnaire_and_no_half_rating(self):
        survey = self.env["survey.survey"].create(
            {"title": "办事体验", "access_mode": "public"}
        )
        self.item.survey_id = survey
        answers = self.env["survey.user_input"].search_count([])
        # Refused inside the rating's creation, after its questionnaire answer was
        # made: neither stays.
        proof = {"case_number": "QR-RECENT", "proof": self.recent.rating_code}
        response = self._submit(
            {**proof, "level": "1", "tag_ids": [str(self.good_counter_tag.id)]}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers)
        self.assertFalse(self._evaluations(case_id=self.recent.id))
        response = self._submit({**proof, "level": "5"})
        self.assertEqual(response.status_code, 303)
        evaluation = self._evaluations(case_id=self.recent.id)
        self.assertEqual(evaluation.survey_user_input_id.survey_id, survey)
        thanks = self.url_open(response.headers["Location"])
        self.assertIn(evaluation.survey_user_input_id.access_token, thanks.text)

    def test_a_burst_from_one_address_is_flagged_not_refused(self):
        for __ in range(5):
            self.assertEqual(self._submit({"level": "5"}).status_code, 303)
        last = self._evaluations(seat_id=self.seat.id)[0]
        self.assertEqual(last.validity, "suspect")
        self.assertIn("burst_ip", last.signal_ids.mapped("kind"))

    def test_a_refused_rating_comes_back_as_entered(self):
        entered = {
            "level": "5",
            "tag_ids": [str(self.bad_counter_tag.id)],
            "comment": "态度很好",
            "name": "张三丰",
            "phone": "13800138000",
            "no_publish": "1",
        }
        response = self._submit(entered)
        self.assertEqual(response.status_code, 400)
        page = response.text
        self.assertIn('value="5" checked="checked"', page)
        self.assertIn(f'value="{self.bad_counter_tag.id}" checked="checked"', page)
        self.assertIn("态度很好</textarea>", page)
        self.assertIn('value="张三丰"', page)
        self.assertIn('value="13800138000"', page)
        self.assertIn('name="no_publish" value="1" checked="checked"', page)
        self.assertFalse(self._evaluations(seat_id=self.seat.id))

    def test_the_page_reads_on_a_phone(self):
        page = self.url_open(self.url).text
        # Tags of other levels are hidden by the page's script: nothing shows them.
        self.assertIn("[hidden]{display:none!important}", page)
        self.assertLess(page.index('id="gov_large"'), page.index("<form"))

    def test_thanks_fit_the_level(self):
        good = self.url_open(self._submit({"level": "5"}).headers["Location"])
        self.assertNotIn("Your bad review is followed up", good.text)
        self.assertIn("Your rating helps us keep the service good.", good.text)
        response = self._submit({"level": "1"}, token=self.window.gov_qr_token)
        bad = self.url_open(response.headers["Location"])
        self.assertIn("Your bad review is followed up", bad.text)

    def test_the_page_carries_the_centre_from_its_settings(self):
        website = self.env["website"].get_current_website()
        logo = base64.b64encode(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
        )
        website.write({"name": "测试县政务服务中心", "logo": logo})
        page = self.url_open(self.url).text
        self.assertIn("<title>市场监管窗口 · 07-1 | 测试县政务服务中心</title>", page)
        self.assertIn('<span class="centre">测试县政务服务中心</span>', page)
        self.assertIn(f"/web/image/website/{website.id}/logo/", page)
        # The share card a chat app shows: the page, the centre and its logo.
        centre = "测试县政务服务中心"
        card = f'<meta property="og:title" content="市场监管窗口 · 07-1 | {centre}"/>'
        self.assertIn(card, page)
        self.assertIn(f'<meta property="og:site_name" content="{centre}"/>', page)
        image = page.split('<meta property="og:image" content="', 1)[1].split('"')[0]
        base = website.get_base_url()
        self.assertTrue(image.startswith(f"{base}/web/image/website/{website.id}/"))
        for placeholder in ("My Website", "YourLogo", "YourCompany", "555-555"):
            self.assertNotIn(placeholder, page)
        # The logo is part of what a phone downloads: the page stays light.
        logo_url = page.split('<img alt="" src="', 1)[1].split('"')[0]
        weight = len(self.url_open(self.url).content)
        weight += len(self.url_open(logo_url).content)
        self.assertLess(weight, 100_000)
