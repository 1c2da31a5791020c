from odoo.tests import tagged

from odoo.addons.gov_rating.tests.common import GovRatingHttpCase, give_ratings
from odoo.addons.gov_rectify.tests.common import RectifyCase


class CitizenCase(RectifyCase, GovRatingHttpCase):
    """The rectification world behind the public routes, visited by anonymous
    citizens on a 390×844 phone."""

    browser_size = "390x844"
    touch_enabled = True

    def _comments(self, count):
        """``count`` valid ratings whose authors let their comments be published."""
        return give_ratings(
            self.env,
            [
                {
                    "employee_id": self.staff.id,
                    "item_id": self.item.id,
                    "level": "4",
                    "comment": f"第{n:02d}条公开评论",
                }
                for n in range(count)
            ],
            fraud_checks=False,
        )


@tagged("post_install", "-at_install")
class TestCitizenTours(CitizenCase):
    """Every citizen page, in headless Chromium at a phone's size, as anonymous
    visitors (``?debug=tests`` serves the light rating pages with the tour runner)."""

    def test_a_bad_rating_by_counter_code(self):
        self.start_tour(
            f"/gov/r/{self.window.gov_qr_token}?debug=tests", "gov_citizen_counter_code"
        )
        rating = self.env["gov.evaluation"].search([("window_id", "=", self.window.id)])
        self.assertEqual(len(rating), 1)
        self.assertEqual((rating.level, rating.channel), ("1", "qr"))
        self.assertEqual(rating.comment, "等了一个多小时没人接待")
        self.assertTrue(rating.tag_ids)
        for tag in rating.tag_ids:
            self.assertIn("1", tag.level_ids.mapped("value"))
        self.assertTrue(self._order_of(rating), "the bad review opened a work order")

    def test_a_bad_rating_by_case_link_then_its_handling(self):
        case = self._case()
        url = f"/gov/l/{case.sudo().link_ids.token}?debug=tests"
        self.start_tour(url, "gov_citizen_case_link")
        first = case.evaluation_ids
        self.assertEqual((first.level, first.comment), ("2", "材料被退回三次"))
        order = self._order_of(first)
        self._run_to(order, "visit")
        self.start_tour(url, "gov_citizen_case_link_second")
        second = case.evaluation_ids - first
        self.assertEqual((second.level, second.assess_number), ("4", "2"))
        self.assertEqual(second.first_evaluation_id, first)

    def test_the_results_pages_and_their_pager(self):
        self._comments(25)
        self.env["gov.service.item"].create(
            {"name": "无人评价的事项", "code": "T0009", "department_id": self.dept_a.id}
        )
        self.start_tour("/gov/results/comments", "gov_citizen_results")

    def test_a_complaint_on_the_desk(self):
        self.start_tour("/gov/complaint", "gov_citizen_complaint")
        complaint = self.env["gov.complaint"].search(
            [("name", "=", "窗口人员态度恶劣")]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.department_id, self.dept_a)

    def test_the_rating_page_downloads_less_than_100_kb(self):
        # What the phone transferred: the page and everything it loaded; the
        # page as served to citizens (not the tours' debug layout) fits the phone.
        code = """
            const entries = [
                ...performance.getEntriesByType('navigation'),
                ...performance.getEntriesByType('resource'),
            ];
            const bytes = entries.reduce((sum, e) => sum + e.transferSize, 0);
            console.info(`the rating page transferred ${bytes} bytes`);
            if (document.documentElement.scrollWidth > window.innerWidth) {
                console.error('the light rating page scrolls sideways on a phone');
            } else if (!entries[0].transferSize) {
                console.error('the browser measured no transfer');
            } else if (bytes >= 100000) {
                console.error(`the rating page transferred ${bytes} bytes`);
            } else {
                console.log('test successful');
            }
        """
        self.browser_js(
            f"/gov/r/{self.window.gov_qr_token}",
            code,
            ready="document.readyState === 'complete'",
        )
