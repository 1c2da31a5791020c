from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import GovRatingCase, give_ratings


@tagged("post_install", "-at_install")
class TestIndex(GovRatingCase):
    def test_an_object_starts_at_the_initial_score(self):
        self.assertEqual(self.staff3.gov_rating_count, 0)
        self.assertEqual(self.staff3.gov_index, 10.0)
        self.assertEqual(self.staff3.gov_good_rate, 0.0)

    def test_figures_on_known_data(self):
        # 张三: 5, 5, 4, 1  → points 10 + 10 + 8 + 2 = 30, n = 4
        for level in (5, 5, 4, 1):
            self.rate(level)
        self.staff.invalidate_recordset()
        self.assertEqual(self.staff.gov_rating_count, 4)
        self.assertAlmostEqual(self.staff.gov_good_rate, 75.0)
        self.assertAlmostEqual(self.staff.gov_bad_rate, 25.0)
        # (k × S0 + Σp) / (k + n) = (5 × 10 + 30) / (5 + 4)
        self.assertAlmostEqual(self.staff.gov_index, 80 / 9, places=2)

    def test_index_rolls_up_staff_window_hall_department_region(self):
        self.rate(5)  # 张三, window 1, sub-department, county
        self.rate(2, staff=self.staff2)  # 李四, window 1
        self.rate(3, staff=self.staff3)  # 王五, window 2, other department
        for record in (
            self.window,
            self.window2,
            self.hall,
            self.dept,
            self.subdept,
            self.county,
        ):
            record.invalidate_recordset()
        self.assertEqual(self.window.gov_rating_count, 2)
        self.assertEqual(self.window2.gov_rating_count, 1)
        self.assertEqual(self.hall.gov_rating_count, 3)
        # The parent department counts its sub-department's ratings.
        self.assertEqual(self.subdept.gov_rating_count, 2)
        self.assertEqual(self.dept.gov_rating_count, 2)
        self.assertEqual(self.other_dept.gov_rating_count, 1)
        # The city and the province count the county's.
        for region in (self.county, self.city, self.province):
            self.assertEqual(region.gov_rating_count, 3)
        self.assertAlmostEqual(self.hall.gov_bad_rate, 100 / 3, places=2)
        self.assertAlmostEqual(self.window.gov_index, (50 + 10 + 4) / 7, places=2)

    def test_a_few_ratings_do_not_outrank_many(self):
        # 李四: one perfect rating. 张三: 40 ratings, 38 perfect and 2 satisfied.
        self.rate(5, staff=self.staff2)
        for level in [5] * 38 + [4] * 2:
            self.rate(level)
        # 王五 has no rating: he is not ranked at all.
        ranking = self.env["hr.employee"]._gov_ranking(
            [("id", "in", (self.staff | self.staff2 | self.staff3).ids)]
        )
        self.assertEqual(
            [record for record, _fig in ranking], [self.staff, self.staff2]
        )
        figures = dict(ranking)
        # The plain index puts the single perfect rating first; the ranking does not.
        self.assertGreater(figures[self.staff2]["index"], figures[self.staff]["index"])
        self.assertGreater(
            figures[self.staff]["rank_score"], figures[self.staff2]["rank_score"]
        )

    def test_statistics_report_counts_valid_ratings(self):
        self.rate(5)
        self.rate(1)
        rows = self.env["gov.rating.report"]._read_group(
            [("employee_id", "=", self.staff.id), ("validity", "=", "valid")],
            [],
            ["rating_count:sum", "good_rate:avg", "bad_rate:avg"],
        )
        self.assertEqual(rows, [(2, 50.0, 50.0)])

    def test_staff_portrait_counts_tags(self):
        fast = self.env.ref("gov_rating.tag_c01")
        kind = self.env.ref("gov_rating.tag_c02")
        self.rate(5, tag_ids=[(6, 0, (fast | kind).ids)])
        self.rate(4, tag_ids=[(6, 0, fast.ids)])
        rows = dict(
            self.env["gov.tag.report"]._read_group(
                [("employee_id", "=", self.staff.id)], ["tag_id"], ["tag_count:sum"]
            )
        )
        self.assertEqual(rows, {fast: 2, kind: 1})

    def test_active_rating_rate(self):
        rated = self.make_case()
        self.rate(5, case=rated)
        self.make_case()  # completed, not rated
        self.make_case(state="processing")  # not completed: does not count
        defaulted = self.make_case()
        self.rate(3, case=defaulted, is_default=True, channel="default")
        self.staff.invalidate_recordset()
        self.assertAlmostEqual(self.staff.gov_active_rate, 100 / 3, places=2)
        self.dept.invalidate_recordset()
        self.assertAlmostEqual(self.dept.gov_active_rate, 100 / 3, places=2)


class TestIndexAlone(GovRatingCase):
    """Checked at install, before modules that add conditions to second evaluations
    (gov_rectify waits for the department's reply to the bad review)."""

    def test_invalid_suspect_second_and_default_ratings_leave_statistics(self):
        bad = self.rate(1)
        self.rate(5)
        self.rate(4, case=bad.case_id, assess_number="2")
        self.rate(3, is_default=True, channel="default")
        suspect = self.rate(5)
        suspect.sudo().validity = "suspect"
        self.staff.invalidate_recordset()
        self.assertEqual(self.staff.gov_rating_count, 2)
        bad.with_user(self.user_supervisor)._set_validity(
            "invalid", "误评: 申请人选错了"
        )
        self.staff.invalidate_recordset()
        self.assertEqual(self.staff.gov_rating_count, 1)
        self.assertEqual(self.staff.gov_bad_rate, 0.0)
        # A manager may count system defaults.
        self.params.set_param("gov_rating.default_rating_excluded", "False")
        self.staff.invalidate_recordset()
        self.assertEqual(self.staff.gov_rating_count, 2)

    def test_many_departments_roll_up_like_one(self):
        self.rate(5)  # 登记科 (sub-department of 测试市场监管局)
        self.rate(1, staff=self.staff3)  # 测试公安局
        others = self.env["hr.department"].create(
            [{"name": f"空部门{n}", "parent_id": self.dept.id} for n in range(60)]
        )
        departments = self.dept | self.subdept | self.other_dept | others
        Evaluation = self.env["gov.evaluation"]
        together = Evaluation._gov_object_figures(
            "department_id", departments.ids, True
        )
        for department in departments:
            alone = Evaluation._gov_object_figures(
                "department_id", department.ids, True
            )
            self.assertEqual(together[department.id], alone[department.id])
        self.assertEqual(together[self.dept.id]["count"], 1)
        self.assertEqual(together[self.other_dept.id]["bad"], 1)
        rates = self.env["gov.case"]._gov_active_rates(
            "department_id", departments.ids, True
        )
        self.assertEqual(rates[self.dept.id]["rated"], 1)

    def test_ranking_uses_the_period_own_mean(self):
        """The ranking of a period moves toward the mean of that period's staff
        ratings: ratings of other periods or of a window alone do not shift it."""
        march = fields.Datetime.to_datetime("2026-03-10 02:00:00")
        self.rate(5, date=march)  # 张三: 10 points
        self.rate(1, staff=self.staff2, date=march)  # 李四: 2 points
        # Outside the period, and a window rated without a staff member.
        self.rate(1, date=march + timedelta(days=60))
        give_ratings(
            self.env, [{"window_id": self.window2.id, "level": "1", "date": march}]
        )
        period = [
            ("date", ">=", fields.Datetime.to_datetime("2026-03-01")),
            ("date", "<", fields.Datetime.to_datetime("2026-04-01")),
        ]
        ranking = dict(
            self.env["hr.employee"]._gov_ranking(
                [("id", "in", (self.staff | self.staff2).ids)], rating_domain=period
            )
        )
        mean = (10 + 2) / 2
        self.assertAlmostEqual(
            ranking[self.staff]["rank_score"], (5 * mean + 10) / 6, places=4
        )
        self.assertAlmostEqual(
            ranking[self.staff2]["rank_score"], (5 * mean + 2) / 6, places=4
        )
