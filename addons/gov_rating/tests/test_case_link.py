from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..guard import allowed
from ..models.gov_case import NO_INVITATION
from .channels_common import GovHttpCase


@tagged("post_install", "-at_install")
class TestCaseLink(GovHttpCase):
    def setUp(self):
        super().setUp()
        self.case = self._case(
            "LINK-1", staff=self.staff_a | self.staff_b, done_ago=timedelta(minutes=5)
        )
        self.link_a = self.case.sudo().link_ids.filtered(
            lambda x: x.employee_id == self.staff_a
        )
        self.url = f"/gov/l/{self.link_a.sudo().token}"

    def _submit(self, data, url=None):
        url = url or self.url
        # The CSRF token is the session's: a used link's page has no form to read it
        # from, a counter page does.
        csrf = self._csrf(f"/gov/r/{self.seat.gov_qr_token}")
        return self._post_form(f"{url}/submit", {"csrf_token": csrf, **data})

    def test_cases_without_a_code_get_one_each(self):
        """Cases written before the rating code get a code each, their own, when
        the module is updated; the citizen's proof then works."""
        self.env.flush_all()
        self.env.cr.execute("UPDATE gov_case SET rating_code = NULL")
        self.env["gov.case"].init()
        self.env.invalidate_all()
        cases = self.env["gov.case"].sudo().search([])
        codes = cases.mapped("rating_code")
        self.assertEqual(len(codes), len(cases))
        self.assertEqual(len(set(codes)), len(codes))
        self.assertTrue(all(len(code) == 6 for code in codes))
        self.assertTrue(self.case._gov_proof_matches(self.case.sudo().rating_code))

    def test_one_link_per_staff_when_completed(self):
        links = self.case.sudo().link_ids
        self.assertEqual(links.employee_id, self.staff_a | self.staff_b)
        self.assertEqual(set(links.mapped("state")), {"open"})
        self.assertEqual(len(set(links.sudo().mapped("token"))), 2)
        with allowed(NO_INVITATION):
            quiet = self.env["gov.case"].create(
                {"name": "LINK-DEMO", "item_id": self.item.id, "state": "done"}
            )
        self.assertFalse(quiet.sudo().link_ids, "demo data issues no links")
        pending = self._case("LINK-OPEN")
        self.assertFalse(pending.sudo().link_ids)
        pending.action_done()
        self.assertEqual(len(pending.sudo().link_ids), 1)

    def test_get_never_writes(self):
        for __ in range(3):
            response = self.url_open(self.url)
            self.assertEqual(response.status_code, 200)
        self.assertIn("营业执照设立登记", response.text)
        self.assertIn("LINK-1 · 李明", response.text)
        self.assertIn(self.bad_online_tag.name, response.text, "online tags")
        self.assertNotIn(self.bad_counter_tag.name, response.text)
        self.assertFalse(self.case.evaluation_ids)
        self.assertEqual(self.link_a.state, "open")

    def test_rate_once_then_reposts_change_nothing(self):
        data = {
            "level": "2",
            "tag_ids": [str(self.bad_online_tag.id)],
            "comment": "等了很久",
        }
        response = self._submit(data)
        self.assertEqual(response.status_code, 303)
        evaluation = self.link_a.evaluation_id
        self.assertEqual(evaluation.level, "2")
        self.assertEqual(evaluation.employee_id, self.staff_a)
        self.assertEqual(evaluation.channel, "pc")
        self.assertEqual(self.link_a.state, "used")
        # A scanner or a second tap posting again: nothing created nor changed.
        for repeat in ({**data, "level": "5"}, data, {"level": "x"}):
            response = self._submit(repeat)
            self.assertEqual(response.status_code, 200)
            self.assertIn("rated already: one rating per case", response.text)
            self.assertIn(self.levels["2"].face, response.text)
        self.assertEqual(self.case.evaluation_ids, evaluation)
        self.assertEqual(evaluation.level, "2")
        page = self.url_open(self.url).text
        self.assertIn("rated already: one rating per case", page)
        self.assertNotIn("<form", page)
        # The other staff member's link is still open.
        link_b = self.case.sudo().link_ids - self.link_a
        response = self._submit({"level": "5"}, url=f"/gov/l/{link_b.token}")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(link_b.evaluation_id.employee_id, self.staff_b)

    def test_bad_review_shows_no_second_form_without_rectification(self):
        self._submit({"level": "1"})
        self.assertFalse(self.link_a._second_evaluation_open())
        self.assertEqual(self.link_a._page_mode(), "used")
        response = self._submit({"level": "5", "round": "2"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.case.evaluation_ids), 1)

    def test_case_already_rated_at_the_counter(self):
        """一事一评 across channels: rated by the counter code, the case link of the
        same staff member shows that rating and rates no more."""
        qr = f"/gov/r/{self.seat.gov_qr_token}"
        csrf = self._csrf(qr)
        response = self._post_form(
            f"{qr}/submit",
            {
                "csrf_token": csrf,
                "level": "4",
                "case_number": self.case.name,
                "proof": self.case.rating_code,
            },
        )
        self.assertEqual(response.status_code, 303)
        first = self.case.evaluation_ids
        self.assertEqual((first.channel, first.employee_id), ("qr", self.staff_a))
        self.assertEqual(self.link_a.evaluation_id, first)
        page = self.url_open(self.url).text
        self.assertIn("rated already: one rating per case", page)
        self.assertIn(self.levels["4"].face, page)
        self.assertIn(first.name, page)
        self.assertNotIn("<form", page)
        response = self._submit({"level": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("rated already: one rating per case", response.text)
        self.assertEqual(self.case.evaluation_ids, first)
        self.assertEqual(first.level, "4")
        # The other staff member's link still rates.
        link_b = self.case.sudo().link_ids - self.link_a
        response = self._submit({"level": "5"}, url=f"/gov/l/{link_b.token}")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(len(self.case.evaluation_ids), 2)

    def test_expired_unknown_and_malformed_links(self):
        self.link_a.sudo().date_expire = fields.Datetime.now() - timedelta(days=1)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 410)
        for url in ("/gov/l/short", "/gov/l/" + "z" * 32, "/gov/l/" + "é" * 20):
            self.assertEqual(self.url_open(url).status_code, 404)
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._post_form(f"{self.url}/submit", {"level": "5"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.case.evaluation_ids)
