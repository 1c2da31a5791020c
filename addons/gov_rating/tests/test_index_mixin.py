from .common import GovRatingCase, give_ratings


class TestIndexMixin(GovRatingCase):
    """The index on its own: (k·S0 + Σp) / (k + n) over the valid ratings of an
    object and of its descendants, with k = 5 and S0 = 10."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tester and the ratings' link to it, loaded together in one registry.
        (cls.Tester,) = cls._load_fake_models(
            ".index_tester",
            "GovIndexTester",
            "GovEvaluation",
            access={"gov_rating.group_gov_supervisor": "r"},
        )
        cls.parent = cls.Tester.create({"name": "上级"})
        cls.child = cls.Tester.create({"name": "下级", "parent_id": cls.parent.id})
        cls.unrated = cls.Tester.create({"name": "无评价"})

    def _rate(self, record, *levels):
        return give_ratings(
            self.env,
            # A rating names a service object of the product besides the tester.
            [
                {"index_tester_id": record.id, "item_id": self.item.id, "level": level}
                for level in levels
            ],
        )

    def test_index_on_known_ratings(self):
        self._rate(self.child, "5", "4")  # 10 + 8 points
        self._rate(self.parent, "1")  # 2 points
        self._rate(self.parent, "5").with_user(self.user_supervisor)._set_validity(
            "invalid", "误评"
        )
        parent, child, unrated = (self.parent | self.child | self.unrated).with_user(
            self.user_supervisor
        )
        self.assertEqual(child.gov_rating_count, 2)
        self.assertAlmostEqual(child.gov_index, (5 * 10 + 18) / (5 + 2), places=2)
        self.assertAlmostEqual(child.gov_good_rate, 100.0)
        # The parent counts its child's ratings, not the invalid one.
        self.assertEqual(parent.gov_rating_count, 3)
        self.assertAlmostEqual(parent.gov_index, (5 * 10 + 20) / (5 + 3), places=2)
        self.assertAlmostEqual(parent.gov_bad_rate, 100 / 3, places=2)
        self.assertEqual(unrated.gov_rating_count, 0)
        self.assertEqual(unrated.gov_index, 10.0, "an object starts at S0")
        ranking = self.Tester.with_user(self.user_supervisor)._gov_ranking()
        self.assertEqual([record for record, _figures in ranking], [child, parent])
