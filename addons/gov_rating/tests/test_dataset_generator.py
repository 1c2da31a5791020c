import psycopg2

from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestDatasetGenerator(TransactionCase):
    """The bulk path of the benchmark generator writes cases and ratings in SQL: they
    must look exactly like ratings made through the ORM to every statistic."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.result = cls.env["gov.dataset.generator"]._generate_bulk(
            departments=6,
            items=9,
            staff=14,
            ratings=120,
            province_code="640000000000",
        )
        cls.ratings = cls.env["gov.evaluation"].search(
            [("region_id.code", "=like", "64%")]
        )

    def test_counts(self):
        result = self.result
        self.assertEqual(result["departments"], 6)
        self.assertEqual(result["staff"], 14)
        self.assertEqual(result["cases"], 144)
        self.assertEqual(result["ratings"], 120)
        self.assertEqual(len(self.ratings), 120)
        depts = self.ratings.department_id
        self.assertEqual(len(depts), 6)
        self.assertTrue(all(d.gov_region_id.level == "county" for d in depts))
        for dept in depts:
            self.assertTrue(dept.gov_region_id.code.startswith("64"))

    def test_ratings_are_complete(self):
        points = {
            level.value: level.points for level in self.env["gov.level"].search([])
        }
        for rating in self.ratings:
            self.assertEqual(rating.assess_number, "1")
            self.assertEqual(rating.points, points[rating.level])
            self.assertEqual(rating.is_bad, rating.level in ("1", "2"))
            self.assertIn(rating.employee_id, rating.case_id.employee_ids)
            self.assertEqual(rating.window_id, rating.employee_id.gov_window_id)
            self.assertEqual(rating.department_id, rating.window_id.department_id)
            self.assertEqual(rating.item_id.department_id, rating.department_id)
            self.assertEqual(rating.region_id, rating.hall_id.region_id)
            self.assertGreater(rating.date, rating.case_id.date_done)
            self.assertEqual(len(rating.tag_ids), 1)
            self.assertIn(rating.level, rating.tag_ids.level_ids.mapped("value"))
        # Some cases were handled by two staff: each is rated.
        self.assertTrue(
            self.ratings.case_id.filtered(lambda c: len(c.employee_ids) > 1)
        )
        self.assertEqual(
            len(self.ratings), len({(r.case_id, r.employee_id) for r in self.ratings})
        )
        self.assertTrue(self.ratings.tag_set_id.locked)

    def test_figures_match_the_ratings(self):
        valid = self.ratings.filtered(lambda r: r.validity == "valid")
        self.assertLess(len(valid), len(self.ratings))
        staff = self.ratings.employee_id
        figures = self.env["gov.evaluation"]._gov_object_figures(
            "employee_id", staff.ids
        )
        for employee in staff:
            own = valid.filtered(lambda r, e=employee: r.employee_id == e)
            self.assertEqual(figures[employee.id]["count"], len(own))
            self.assertAlmostEqual(
                figures[employee.id]["points"], sum(own.mapped("points"))
            )
            self.assertEqual(figures[employee.id]["bad"], len(own.filtered("is_bad")))

    def test_still_protected(self):
        rating = self.ratings[0]
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.cr.execute(
                "INSERT INTO gov_evaluation (level, channel, assess_number, validity,"
                " date, company_id, case_id, employee_id, evaluator_key) SELECT level,"
                " channel, assess_number, validity, date, company_id, case_id,"
                " employee_id, evaluator_key FROM gov_evaluation WHERE id = %s",
                [rating.id],
            )
        with (
            self.assertRaises(psycopg2.errors.RaiseException),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.cr.execute(
                "UPDATE gov_evaluation SET level = '1' WHERE id = %s", [rating.id]
            )

    def test_second_run_adds(self):
        before = self.env["gov.evaluation"].search_count([])
        result = self.env["gov.dataset.generator"]._generate_bulk(
            departments=2, items=2, staff=2, ratings=10, province_code="640000000000"
        )
        self.assertEqual(result["ratings"], 10)
        self.assertEqual(self.env["gov.evaluation"].search_count([]), before + 10)
