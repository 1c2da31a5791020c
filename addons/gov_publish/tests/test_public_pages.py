import re

from odoo.tests import HttpCase, tagged

from ..models.gov_publish_site import MENU_SIZE, PAGE_SIZE, PAGES_AHEAD
from .common import EVALUATOR_CERT, EVALUATOR_NAME, EVALUATOR_PHONE, GovPublishCase

IDENTITIES = (EVALUATOR_NAME, EVALUATOR_PHONE, EVALUATOR_CERT, EVALUATOR_CERT[-6:])


@tagged("post_install", "-at_install")
class TestPublicPages(GovPublishCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls._published_period()

    def _get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        html = response.text
        for identity in IDENTITIES:
            self.assertNotIn(identity, html, f"{url} shows an evaluator's identity")
        return html

    def test_rankings_page_shows_the_published_order_and_digest(self):
        html = self._get(
            f"/gov/results/rankings?period={self.period.id}&kind=department"
            f"&region={self.city.id}"
        )
        ranking = html[html.index("o_gov_ranking") :]
        self.assertIn(self.dept_good.name, ranking)
        self.assertIn(self.dept_bad.name, ranking)
        self.assertLess(
            ranking.index(self.dept_good.name), ranking.index(self.dept_bad.name)
        )
        self.assertIn(self.period.digest, html)
        # Filtered by the second county: only its hall.
        html = self._get(
            f"/gov/results/rankings?period={self.period.id}&kind=hall"
            f"&region={self.county_b.id}"
        )
        self.assertIn(self.hall_b.name, html)
        self.assertNotIn(self.hall_a.name, html)
        # Staff, filtered by department.
        html = self._get(
            f"/gov/results/rankings?period={self.period.id}&kind=staff"
            f"&department={self.dept_good.id}"
        )
        self.assertIn(self.staff_good.name, html)
        self.assertNotIn(self.staff_bad.name, html)

    def test_draft_rankings_are_not_public(self):
        draft = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create({"date_range_id": self.april.id})
        )
        draft.action_generate()
        html = self._get(f"/gov/results/rankings?period={draft.id}", status=400)
        self.assertIn("This ranking is not published", html)
        response = self.url_open(f"/gov/results/verify/{draft.id}")
        self.assertEqual(response.status_code, 404)

    def test_comments_only_valid_and_consented_and_masked(self):
        html = self._get(f"/gov/results/comments?department={self.dept_good.id}")
        self.assertIn("窗口服务很好，可以公开", html)
        self.assertIn("有事打139****5678", html, "a phone typed in a comment is masked")
        self.assertNotIn("13912345678", html)
        self.assertIn(EVALUATOR_NAME[0] + "***", html, "the author's name is masked")
        self.assertIn("匿名的公开评论", html)
        self.assertNotIn("不同意公开的评论", html, "the evaluator refused publication")
        html = self._get("/gov/results/comments")
        self.assertNotIn("被判无效的评论", html, "an invalid rating is not published")

    def test_items_page_shows_satisfaction(self):
        html = self._get(f"/gov/results/items?region={self.city.id}")
        self.assertIn(self.item_good.name, html)
        self.assertIn(self.item_bad.name, html)
        self.assertIn("TEST-ITEM-1", html)

    def _menu(self, html, name):
        """The options of the filter menu ``name`` as (value, label)."""
        menu = html[html.index(f'name="{name}"') :]
        menu = menu[: menu.index("</select>")]
        return re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', menu)

    def test_filter_menus_stay_short_in_a_large_province(self):
        many = self.env["hr.department"].create(
            [
                {"name": f"筛选测试局{n:03d}", "gov_region_id": self.county_a.id}
                for n in range(MENU_SIZE + 10)
            ]
        )
        # Before a region is chosen or a name typed: no department listed.
        html = self._get("/gov/results/items")
        self.assertEqual(self._menu(html, "department"), [])
        self.assertIn("o_gov_more_departments", html)
        html = self._get(f"/gov/results/items?region={self.county_a.id}")
        departments = self._menu(html, "department")
        self.assertEqual(len(departments), MENU_SIZE)
        self.assertIn("o_gov_more_departments", html)
        # The regions on the way to the chosen county, not every region.
        regions = {int(value) for value, _label in self._menu(html, "region")}
        self.assertIn(self.county_a.id, regions)
        self.assertIn(self.city.id, regions)
        self.assertNotIn(self.county_b.id, regions)
        # A search narrows the menu; the chosen department stays listed.
        last = many[-1]
        html = self._get(
            f"/gov/results/items?region={self.county_a.id}&dq=局069"
            f"&department={last.id}"
        )
        self.assertEqual(self._menu(html, "department"), [(str(last.id), last.name)])
        self.assertNotIn("o_gov_more_departments", html)
        html = self._get(f"/gov/results/items?dq={'局' * 65}", status=400)
        self.assertIn("The search text is too long", html)

    def test_pager_counts_stop_a_few_pages_ahead(self):
        Site = self.env["gov.publish.site"].with_user(self.env.ref("base.public_user"))
        Item = self.env["gov.service.item"]
        bound = (1 + PAGES_AHEAD) * PAGE_SIZE
        Item.create(
            [
                {
                    "name": f"分页测试事项{n:03d}",
                    "code": f"PAGER-{n:03d}",
                    "department_id": self.dept_good.id,
                }
                for n in range(bound + 5)
            ]
        )
        total = Item.search_count([])
        self.assertEqual(Site._items_values({})["total"], bound)
        page = (total - 1) // PAGE_SIZE + 1
        self.assertEqual(Site._items_values({"page": str(page)})["total"], total)

    def test_bad_parameters_get_a_clear_message(self):
        for query in (
            "page=abc",
            "region=-1",
            "department=99999999",
            "kind=secret",
            "period=1%27%20OR%201=1",
            f"dq={'x' * 65}",
        ):
            html = self._get(f"/gov/results/rankings?{query}", status=400)
            self.assertIn("o_gov_error", html, query)

    def test_verify_route_recomputes_the_digest(self):
        response = self.url_open(f"/gov/results/verify/{self.period.id}")
        self.assertEqual(response.status_code, 200)
        result = response.json()
        self.assertTrue(result["ok"])
        self.assertEqual(result["digest"], self.period.digest)
        self.assertEqual(result["recomputed"], self.period.digest)

    def test_pagers_lead_to_their_pages(self):
        self._give_ratings(
            [
                dict(
                    self._rating("4", self.staff_good, self.item_good, 12),
                    comment=f"第{n:02d}条公开评论",
                )
                for n in range(25)
            ]
        )
        first = self._get(f"/gov/results/comments?department={self.dept_good.id}")
        next_page = f"/gov/results/comments/page/2?department={self.dept_good.id}"
        self.assertIn(f'href="{next_page}"', first)
        second = self._get(next_page)
        self.assertIn('<li class="page-item active">', second)
        shown = [f"第{n:02d}条公开评论" for n in range(25)]
        on_first = {c for c in shown if c in first}
        on_second = {c for c in shown if c in second}
        self.assertTrue(on_second, "the second page shows the next comments")
        self.assertFalse(on_first & on_second, "no comment on both pages")
        for tab in ("rankings", "items", "rectifications"):
            self._get(f"/gov/results/{tab}/page/1")
        self._get("/gov/results/comments/page/99999", status=400)

    def test_an_item_nobody_rated_shows_no_score(self):
        unrated = self.env["gov.service.item"].create(
            {
                "name": "无人评价的事项",
                "code": "TEST-ITEM-0",
                "department_id": self.dept_good.id,
            }
        )
        html = self._get(f"/gov/results/items?department={self.dept_good.id}")
        row = html[html.index(unrated.name) :]
        row = row[: row.index("</li>")]
        self.assertIn("No ratings yet", row)
        self.assertNotIn("o_gov_index", row)
        self.assertNotIn("0.0%", row)
        rated = html[html.index(self.item_good.name) :]
        self.assertIn("o_gov_index", rated[: rated.index("</li>")])
