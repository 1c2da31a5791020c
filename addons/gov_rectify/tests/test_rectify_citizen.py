from odoo.tests import tagged

from odoo.addons.gov_rating.tests.channels_common import CSRF_RE
from odoo.addons.gov_rating.tests.common import GovRatingHttpCase

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestCitizenFollowsTheHandling(RectifyCase, GovRatingHttpCase):
    """A citizen who gave a bad review through the case link follows its handling
    on the same link: the step, the dates, the department's reply, then the second
    evaluation; never who handles it nor anyone's identity."""

    def _rate_by_link(self, token, data):
        page = self.url_open(f"/gov/l/{token}")
        self.assertEqual(page.status_code, 200)
        csrf = CSRF_RE.search(page.text).group(1)
        return self.url_open(
            f"/gov/l/{token}/submit",
            data={"csrf_token": csrf, **data},
            allow_redirects=False,
        )

    def _assert_private(self, html):
        for secret in (
            self.handler.name,
            self.handler.login,
            self.supervisor.name,
            "13800138000",
            "赵丽",
        ):
            self.assertNotIn(secret, html)

    def test_the_case_link_shows_the_handling_then_the_second_evaluation(self):
        case = self._case()
        token = case.sudo().link_ids.token
        response = self._rate_by_link(
            token, {"level": "1", "comment": "材料被退回三次"}
        )
        self.assertEqual(response.status_code, 303)
        first = case.evaluation_ids
        order = self._order_of(first)
        thanks = self.url_open(response.headers["Location"]).text
        self.assertIn("Your bad review is followed up", thanks)
        self.assertIn('id="gov_handling"', thanks)
        self.assertIn(order.name, thanks)
        self._assert_private(thanks)

        page = self.url_open(f"/gov/l/{token}").text
        self.assertIn("How your bad review is handled", page)
        self.assertIn(order.name, page)
        self.assertIn(f"<strong>{order.stage_id.name}</strong>", page)
        self.assertIn("Received", page)
        self.assertNotIn('name="round" value="2"', page, "no second evaluation yet")
        self._assert_private(page)

        self._run_to(order, "reply")
        as_handler = order.with_user(self.handler)
        as_handler.write({"reply_text": "已整改。如有疑问请回电 13800138000"})
        as_handler.action_next_step()
        self.assertTrue(order.date_replied)
        page = self.url_open(f"/gov/l/{token}").text
        self.assertIn("Reply of the department", page)
        self.assertIn("已整改。如有疑问请回电 138****8000", page)
        self.assertIn("Replied", page)
        self.assertIn('name="round" value="2"', page, "the second evaluation")
        self._assert_private(page)

        response = self._rate_by_link(token, {"level": "4", "round": "2"})
        self.assertEqual(response.status_code, 303)
        thanks = self.url_open(response.headers["Location"]).text
        self.assertNotIn("Your bad review is followed up", thanks)
        self.assertNotIn('id="gov_handling"', thanks)
        page = self.url_open(f"/gov/l/{token}").text
        self.assertIn("Second evaluation:", page)
        self.assertIn(self.env["gov.level"].search([("value", "=", "4")]).name, page)
        self.assertIn(order.name, page)
        self.assertNotIn('name="round"', page, "nothing more to rate")

    def test_a_good_rating_and_another_citizen_show_no_handling(self):
        bad_case, good_case = self._case(), self._case()
        self._rate_by_link(bad_case.sudo().link_ids.token, {"level": "2"})
        order = self._order_of(bad_case.evaluation_ids)
        response = self._rate_by_link(good_case.sudo().link_ids.token, {"level": "5"})
        thanks = self.url_open(response.headers["Location"]).text
        self.assertIn("Your rating helps us keep the service good.", thanks)
        self.assertNotIn("Your bad review is followed up", thanks)
        page = self.url_open(f"/gov/l/{good_case.sudo().link_ids.token}").text
        self.assertNotIn('id="gov_handling"', page)
        self.assertNotIn(order.name, page)
