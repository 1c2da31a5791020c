import importlib.util
import re
from pathlib import Path

import psycopg2

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

SCRIPT = Path(__file__).resolve().parents[3] / "data" / "generate_dataset.py"


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_dataset", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestDatasetGenerator(TransactionCase):
    """data/generate_dataset.py writes cases, ratings and work orders in SQL: what it
    writes must be what the product guarantees, and every figure the product computes
    afterwards must match a direct count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.result = load_generator().generate(
            cls.env,
            departments=6,
            items=9,
            staff=14,
            ratings=300,
            province_code="640000000000",
        )
        cls.ratings = cls.env["gov.evaluation"].search(
            [("region_id.code", "=like", "64%")]
        )
        cls.supervisor = cls.env.ref("gov_rating.user_supervisor")

    def count(self, query):
        self.env.flush_all()
        self.cr.execute(query)
        return self.cr.fetchone()[0]

    def test_counts(self):
        result = self.result
        self.assertEqual(result["departments"], 6)
        self.assertEqual(result["staff"], 14)
        self.assertEqual(result["cases"], 360)
        self.assertEqual(result["ratings"], 300)
        self.assertEqual(len(self.ratings), 300)
        self.assertEqual(
            result["work orders"], len(self.ratings.filtered("is_bad")), result
        )
        self.assertTrue(
            all(d.gov_region_id.level == "county" for d in self.ratings.department_id)
        )

    def test_every_counted_bad_review_has_one_work_order(self):
        counted_bad = self.ratings.filtered(
            lambda r: r.is_bad and r.validity == "valid" and r.assess_number == "1"
        )
        self.assertTrue(counted_bad)
        self.assertEqual(
            self.count(
                """
                SELECT count(*) FROM gov_evaluation e
                WHERE e.is_bad AND e.validity = 'valid' AND e.assess_number = '1'
                  AND (SELECT count(*) FROM gov_rectify_order o
                       WHERE o.evaluation_id = e.id) != 1
                """
            ),
            0,
        )
        orders = (
            self.env["gov.rectify.order"]
            .with_user(self.supervisor)
            .search([("evaluation_id", "in", counted_bad.ids)])
        )
        self.assertEqual(orders.evaluation_id, counted_bad)
        new = self.env.ref("gov_rectify.stage_new")
        Order = self.env["gov.rectify.order"]
        for order in orders:
            rating = order.evaluation_id
            self.assertRegex(order.name, r"^ZG\d{4}\d{6,}$")
            self.assertEqual(order.stage_id, new)
            self.assertEqual(order.step, "new")
            self.assertEqual(order.department_id, rating.department_id)
            self.assertEqual(order.employee_id, rating.employee_id)
            self.assertEqual(order.date_open, rating.date)
            due = Order._due_date(rating.date, new.deadline_days, new.deadline_type)
            self.assertEqual(order.date_deadline, due)
            self.assertEqual(order.date_warning, Order._warning_date(due))
            self.assertEqual(order.visit_required, not rating.anonymous)
            self.assertEqual(
                order.supervisor_id,
                Order._default_supervisor() or self.env["res.users"],
            )
        self.assertEqual(len(set(orders.mapped("name"))), len(orders))
        # The orders of bad reviews judged invalid are closed and leave the figures.
        invalid_bad = self.ratings.filtered(
            lambda r: r.is_bad and r.validity == "invalid"
        )
        invalid_orders = Order.search([("evaluation_id", "in", invalid_bad.ids)])
        self.assertEqual(invalid_orders.evaluation_id, invalid_bad)
        self.assertEqual(
            set(invalid_orders.mapped("result")),
            {"invalidated"} if invalid_bad else set(),
        )
        self.assertFalse(
            Order.search_count(
                [
                    (
                        "evaluation_id",
                        "in",
                        self.ratings.filtered(lambda r: not r.is_bad).ids,
                    )
                ]
            )
        )

    def test_numbers_follow_the_sequences(self):
        """A rating or an order made afterwards by the product takes the next
        number: the generator drew its numbers from the same sequences."""
        names = self.ratings.mapped("name")
        self.assertEqual(len(set(names)), len(names))
        self.assertTrue(all(re.match(r"^PJ\d{6}\d{7,}$", n) for n in names))
        following = self.env["ir.sequence"].next_by_code("gov.rectify.order")
        self.assertNotIn(
            following, self.env["gov.rectify.order"].search([]).mapped("name")
        )

    def test_tags_apply_to_the_level(self):
        self.assertEqual(
            self.count(
                """
                SELECT count(*) FROM gov_evaluation e
                JOIN gov_evaluation_gov_tag_rel rel ON rel.gov_evaluation_id = e.id
                JOIN gov_tag t ON t.id = rel.gov_tag_id
                JOIN gov_tag_set s ON s.id = t.tag_set_id
                WHERE s.state != 'active' OR e.tag_set_id != s.id
                   OR (EXISTS (SELECT 1 FROM gov_level_gov_tag_rel lt
                               WHERE lt.gov_tag_id = t.id)
                       AND NOT EXISTS (
                           SELECT 1 FROM gov_level_gov_tag_rel lt
                           JOIN gov_level l ON l.id = lt.gov_level_id
                           WHERE lt.gov_tag_id = t.id AND l.value = e.level))
                """
            ),
            0,
        )
        self.assertTrue(all(len(r.tag_ids) == 1 for r in self.ratings))
        self.assertTrue(self.ratings.tag_set_id.locked)

    def test_figures_match_a_direct_count(self):
        """The figures the supervisor sees on departments and staff, and the work
        order figures, are those of a direct count of the generated rows."""
        departments = (
            self.env["hr.department"]
            .with_user(self.supervisor)
            .browse(self.ratings.department_id.ids)
        )
        for department in departments:
            self.cr.execute(
                """
                SELECT count(*), count(*) FILTER (WHERE is_bad) FROM gov_evaluation
                WHERE department_id = %s AND validity = 'valid'
                  AND assess_number = '1' AND NOT is_default
                """,
                [department.id],
            )
            count, bad = self.cr.fetchone()
            self.assertEqual(department.gov_rating_count, count)
            self.assertAlmostEqual(
                department.gov_bad_rate,
                100.0 * bad / count if count else 0.0,
                places=2,
            )
        staff = self.ratings.employee_id
        figures = (
            self.env["gov.evaluation"]
            .with_user(self.supervisor)
            ._gov_object_figures("employee_id", staff.ids)
        )
        for employee in staff:
            valid = self.ratings.filtered(
                lambda r, e=employee: r.employee_id == e and r.validity == "valid"
            )
            self.assertEqual(figures[employee.id]["count"], len(valid))
            self.assertAlmostEqual(
                figures[employee.id]["points"], sum(valid.mapped("points"))
            )
            self.assertEqual(figures[employee.id]["bad"], len(valid.filtered("is_bad")))
        kpis = (
            self.env["gov.rectify.report"]
            .with_user(self.supervisor)
            ._kpis([("region_id.code", "=like", "64%")])
        )
        self.assertEqual(
            kpis["order_count"],
            self.count(
                """
                SELECT count(*) FROM gov_rectify_order o
                JOIN gov_region r ON r.id = o.region_id
                WHERE r.code LIKE '64%' AND o.result IS DISTINCT FROM 'invalidated'
                """
            ),
        )
        self.assertEqual(
            kpis["order_count"],
            len(self.ratings.filtered(lambda r: r.is_bad and r.validity == "valid")),
        )
        self.assertEqual(kpis["rectified_rate"], 0.0)

    def test_ratings_stay_protected(self):
        rating = self.ratings[0]
        with (
            self.assertRaises(psycopg2.errors.RaiseException),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.cr.execute(
                "UPDATE gov_evaluation SET level = '1' WHERE id = %s", [rating.id]
            )
