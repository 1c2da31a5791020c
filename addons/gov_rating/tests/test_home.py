import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GovRatingCase

# A 1×1 PNG: the centre's own logo in the tests.
LOGO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf000000030101001828dd9d"
        "0000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestHome(GovRatingCase):
    """A window clerk's home: index, rank in the hall this month, tag portrait;
    a manager's setup checklist of a new centre."""

    def test_clerk_sees_index_rank_and_portrait(self):
        tag = (
            self.env["gov.tag.set"]
            ._active_for("counter")
            .tag_ids.filtered(lambda t: "5" in t.level_ids.mapped("value"))[:1]
        )
        self.rate(5, tag_ids=[(6, 0, tag.ids)])
        self.rate(5)
        self.rate(2, staff=self.staff2)
        self.rate(5, staff=self.staff2)
        self.rate(5, staff=self.staff2)
        action = self.env["gov.my.figures"].with_user(self.user_clerk).action_open()
        home = self.env["gov.my.figures"].with_user(self.user_clerk)
        home = home.browse(action["res_id"])
        self.assertEqual(home.display_name, "My Ratings")
        self.assertEqual(home.employee_id, self.staff)
        self.assertEqual(home.hall_id, self.hall)
        self.assertEqual((home.rank, home.rank_total), (1, 2))
        self.assertEqual(home.month_rating_count, 2)
        self.assertEqual(home.rating_count, 2)
        self.assertEqual(home.index, self.staff.sudo().gov_index)
        self.assertIn(tag.name, home.portrait_html)
        self.assertEqual(len(home.evaluation_ids), 2)
        # Ranked second, the colleague sees their own figures only.
        other = self.env["gov.my.figures"].with_user(self.user_clerk2)
        other = other.browse(other.action_open()["res_id"])
        self.assertEqual((other.rank, other.rank_total), (2, 2))
        self.assertEqual(other.evaluation_ids.employee_id, self.staff2)
        self.assertNotIn(tag.name, other.portrait_html)

    def test_manager_follows_the_setup_checklist(self):
        Checklist = self.env["gov.setup.checklist"]
        with self.assertRaises(AccessError):
            Checklist.with_user(self.user_supervisor).action_open()
        self.params.set_param("web.base.url", "http://localhost:8069")
        action = Checklist.with_user(self.user_manager).action_open()
        checklist = Checklist.with_user(self.user_manager).browse(action["res_id"])
        self.assertFalse(checklist.website_done)
        self.assertIn("localhost", checklist.website_detail)
        self.assertTrue(checklist.places_done, checklist.places_detail)
        self.assertFalse(checklist.cards_done)
        before = checklist.progress
        self.assertLess(before, 100)
        website = self.env["website"].search([], limit=1)
        website.write({"name": "测试县政务服务中心", "logo": LOGO})
        self.params.set_param("web.base.url", "https://zwfw.example.gov.cn")
        checklist.action_confirm_cards()
        checklist.invalidate_recordset()
        self.assertTrue(checklist.website_done, checklist.website_detail)
        self.assertTrue(checklist.cards_done)
        self.assertGreater(checklist.progress, before)
        with self.assertRaises(AccessError):
            checklist.with_user(self.user_supervisor).action_confirm_cards()
