from odoo.tests import HttpCase, tagged

from .common import GovPublishCase


@tagged("post_install", "-at_install")
class TestRankingsOnAPhone(GovPublishCase, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_rankings_page_on_a_phone(self):
        period = self._published_period()
        code = f"""
            const rows = [...document.querySelectorAll('.o_gov_ranking_row')];
            const ranks = rows.map(
                (r) => parseInt(r.querySelector('.o_gov_rank').textContent));
            const names = rows.map((r) => r.querySelector('.o_gov_name').textContent);
            const sorted = ranks.every((rank, i) => i === 0 || ranks[i - 1] < rank);
            const good = names.indexOf({self.dept_good.name!r});
            const bad = names.indexOf({self.dept_bad.name!r});
            const overflow = document.documentElement.scrollWidth > window.innerWidth;
            if (window.innerWidth !== 390) {{
                console.error(`viewport is ${{window.innerWidth}}px wide`);
            }} else if (!rows.length || !sorted) {{
                console.error('the ranking is not in rank order: ' + ranks);
            }} else if (good < 0 || bad < 0 || good > bad) {{
                console.error('the better department is not listed first');
            }} else if (overflow) {{
                console.error('the page is wider than the phone');
            }} else if (!document.querySelector('.o_gov_digest code').textContent) {{
                console.error('the digest is not shown');
            }} else {{
                console.log('test successful');
            }}
        """
        self.browser_js(
            f"/gov/results/rankings?period={period.id}&kind=department"
            f"&region={self.city.id}",
            code,
            ready="document.readyState === 'complete'",
        )
