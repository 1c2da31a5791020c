from odoo.tests import HttpCase, tagged

from .test_roster import RosterCase


@tagged("post_install", "-at_install")
class TestRosterPhone(RosterCase, HttpCase):
    """A citizen rates an official from the roster page on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_rate_an_official_on_a_phone(self):
        self.start_tour(f"/gov/roster?unit={self.subdept.id}", "gov_roster_rate")
        rating = self.roster_ratings()
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.level, "2")
        self.assertEqual(rating.comment, "窗口推诿，办事拖延")
        self.assertTrue(rating.anonymous)
        self.assertTrue(rating.is_bad)
