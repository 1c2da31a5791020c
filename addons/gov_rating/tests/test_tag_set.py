from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import GovRatingCase


@tagged("post_install", "-at_install")
class TestTagSet(GovRatingCase):
    def test_a_version_in_use_is_locked_and_a_new_version_replaces_it(self):
        TagSet = self.env["gov.tag.set"]
        current = TagSet._active_for("counter")
        tag = current.tag_ids.filtered(lambda t: "5" in t.level_ids.mapped("value"))[:1]
        self.rate(5, tag_ids=[(6, 0, tag.ids)])
        self.assertTrue(current.locked)
        for action in (
            lambda: tag.write({"name": "改名"}),
            lambda: tag.unlink(),
            lambda: self.env["gov.tag"].create(
                {"name": "新标签", "tag_set_id": current.id}
            ),
        ):
            with self.assertRaisesRegex(UserError, "locked"):
                action()
        new = TagSet.browse(current.action_new_version()["res_id"])
        self.assertEqual(new.version, current.version + 1)
        self.assertEqual(len(new.tag_ids), len(current.tag_ids))
        self.assertFalse(new.locked)
        self.env["gov.tag"].create({"name": "材料一次告知", "tag_set_id": new.id})
        new.action_activate()
        self.assertEqual(TagSet._active_for("counter"), new)
        self.assertEqual(current.state, "archived")
        with self.assertRaisesRegex(
            ValidationError, "Only one tag set version is active"
        ):
            current.state = "active"

    def test_manager_changes_points(self):
        level = self.env.ref("gov_rating.level_1")
        manager = new_test_user(
            self.env, "t_manager", groups="gov_rating.group_gov_manager"
        )
        level.with_user(manager).points = 0
        self.assertEqual(self.rate(1).points, 0)
