import importlib.util
import re
from pathlib import Path

import psycopg2

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.gov_rating.models.gov_rating_demo import ITEMS

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
        cls.generator = load_generator()
        cls.result = cls.generator.generate(
            cls.env,
            departments=12,
            levels=5,
            items=30,
            staff=30,
            users=True,
            ratings=300,
            province_code="640000000000",
        )
        cls.ratings = cls.env["gov.evaluation"].search(
            [("region_id.code", "=like", "64%")]
        )
        cls.departments = cls.env["hr.department"].search(
            [("gov_region_id.code", "=like", "64%")]
        )
        cls.staff = cls.env["hr.employee"].search(
            [("department_id", "in", cls.departments.ids)]
        )
        cls.items = cls.env["gov.service.item"].search(
            [("department_id", "in", cls.departments.ids)]
        )
        cls.supervisor = cls.env.ref("gov_rating.user_supervisor")

    def count(self, query):
        self.env.flush_all()
        self.cr.execute(query)
        return self.cr.fetchone()[0]

    def test_counts(self):
        result = self.result
        self.assertEqual(result["departments"], 12)
        self.assertEqual(result["department levels"], 5)
        self.assertEqual(result["staff"], 30)
        self.assertEqual(result["items"], 30)
        self.assertEqual(result["cases"], 360)
        self.assertEqual(result["ratings"], 300)
        self.assertEqual(len(self.departments), 12)
        self.assertEqual(len(self.staff), 30)
        self.assertEqual(len(self.items), 30)
        self.assertEqual(len(self.ratings), 300)
        self.assertEqual(
            result["work orders"], len(self.ratings.filtered("is_bad")), result
        )

    def test_departments_on_five_levels(self):
        """Province bureaus, then those of the cities, of the counties, the
        township centres and their sections: each in a region of its level, under a
        department of the level above, named down the tree as the ORM names it."""
        kinds = ["province", "city", "county", "township", "township"]
        by_depth = {}
        for department in self.departments:
            depth = len(department.parent_path.strip("/").split("/"))
            by_depth.setdefault(depth, self.env["hr.department"])
            by_depth[depth] |= department
            self.assertEqual(department.gov_region_id.level, kinds[depth - 1])
            parent = department.parent_id
            if depth == 1:
                self.assertFalse(parent)
                self.assertEqual(department.complete_name, department.name)
                continue
            self.assertEqual(len(parent.parent_path.strip("/").split("/")), depth - 1)
            self.assertEqual(
                department.complete_name, f"{parent.complete_name} / {department.name}"
            )
        self.assertEqual(
            {depth: len(d) for depth, d in by_depth.items()},
            {1: 1, 2: 2, 3: 4, 4: 3, 5: 2},
        )
        # A section sits in the township of its centre.
        for section in by_depth[5]:
            self.assertEqual(section.gov_region_id, section.parent_id.gov_region_id)
        # Every department has its window, in the hall of its region.
        windows = self.env["gov.window"].search(
            [("department_id", "in", self.departments.ids)]
        )
        self.assertEqual(windows.department_id, self.departments)
        for window in windows:
            self.assertEqual(window.region_id, window.department_id.gov_region_id)

    def test_staff_as_the_orm_reads_them(self):
        """Staff written in bulk read back like the first one, which the ORM made:
        their own resource and work contact under their name, the company, its
        working time, an active record, a unique QR token that opens their rating
        page, a unique staff number, a window of their department."""
        company = self.env.company
        first = self.staff.sorted("id")[0]
        tokens = self.staff.mapped("gov_qr_token")
        self.assertEqual(len(set(tokens)), 30)
        self.assertEqual(len(set(self.staff.mapped("gov_staff_code"))), 30)
        self.assertEqual(len(self.staff.resource_id), 30)
        self.assertEqual(len(self.staff.work_contact_id), 30)
        QR = self.env["gov.qr.mixin"]
        for employee in self.staff:
            self.assertTrue(employee.name)
            self.assertTrue(employee.active)
            self.assertEqual(employee.resource_id.name, employee.name)
            self.assertEqual(employee.resource_id.resource_type, "user")
            self.assertEqual(employee.resource_id.tz, first.resource_id.tz)
            self.assertEqual(employee.company_id, company)
            self.assertEqual(employee.resource_id.company_id, company)
            self.assertEqual(
                employee.resource_calendar_id, company.resource_calendar_id
            )
            self.assertEqual(employee.work_contact_id.name, employee.name)
            self.assertEqual(
                employee.work_contact_id.commercial_partner_id,
                employee.work_contact_id,
            )
            self.assertEqual(
                employee.gov_window_id.department_id, employee.department_id
            )
            self.assertRegex(employee.gov_qr_token, r"^E[A-Za-z0-9_-]{22}$")
            self.assertEqual(QR._gov_qr_find(employee.gov_qr_token), employee)
            self.assertRegex(employee.gov_staff_code, r"^G\d{7}$")
        # Found by name like any employee, and seen by the supervisor.
        self.assertIn(
            first, self.env["hr.employee"].search([("name", "=", first.name)])
        )
        self.assertEqual(
            self.env["hr.employee.public"]
            .with_user(self.supervisor)
            .browse(self.staff.ids)
            .mapped("name"),
            self.staff.mapped("name"),
        )

    def test_staff_log_in_and_see_their_own_ratings(self):
        """Each staff member has a user of the window staff group (login: the
        staff number), whose partner is the work contact; logged in, they see the
        ratings given to them and no others."""
        clerk_group = self.env.ref("gov_rating.group_gov_clerk")
        for employee in self.staff:
            user = employee.user_id
            self.assertEqual(user.login, employee.gov_staff_code)
            self.assertEqual(user.name, employee.name)
            self.assertEqual(user.partner_id, employee.work_contact_id)
            self.assertEqual(user.employee_id, employee)
            self.assertEqual(employee.resource_id.user_id, user)
            self.assertIn(clerk_group, user.groups_id)
            self.assertTrue(user.has_group("base.group_user"))
            self.assertFalse(user.share)
            self.assertEqual(user.company_ids, self.env.company)
        self.assertEqual(len(self.staff.user_id), 30)
        for employee in self.staff[:5]:
            seen = (
                self.env["gov.evaluation"]
                .with_user(employee.user_id)
                .search([("region_id.code", "=like", "64%")])
            )
            self.assertEqual(
                seen, self.ratings.filtered(lambda r, e=employee: r.employee_id == e)
            )

    def test_items_as_the_orm_reads_them(self):
        types = dict(self.env["gov.service.item"]._fields["item_type"].selection)
        codes = self.items.mapped("code")
        self.assertEqual(len(set(codes)), 30)
        for item in self.items:
            self.assertTrue(item.active)
            self.assertIn(item.item_type, types)
            self.assertIn((item.item_type, item.name), ITEMS)
            self.assertRegex(item.code, r"^11\d{14}$")
            self.assertEqual(item.code[2:8], item.department_id.gov_region_id.code[:6])
        self.assertEqual(
            self.env["gov.service.item"].name_search(self.items[-1].code)[0][0],
            self.items[-1].id,
        )

    def test_one_level_spreads_departments_over_counties(self):
        result = self.generator.generate(
            self.env,
            departments=3,
            items=3,
            staff=3,
            ratings=20,
            province_code="630000000000",
        )
        self.assertEqual(result["department levels"], 1)
        departments = self.env["hr.department"].search(
            [("gov_region_id.code", "=like", "63%")]
        )
        self.assertEqual(len(departments), 3)
        self.assertFalse(departments.parent_id)
        self.assertEqual(set(departments.gov_region_id.mapped("level")), {"county"})

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

    def test_cases_have_rating_codes_of_their_own(self):
        """Each generated case has a rating code as a case made by the product has
        (the proof a citizen gives), each its own, and the proof check accepts it."""
        cases = self.ratings.case_id
        codes = cases.mapped("rating_code")
        self.assertEqual(len(codes), len(cases))
        self.assertTrue(all(re.match(r"^[2-9A-HJKMNP-Z]{6}$", c) for c in codes))
        self.assertGreater(len(set(codes)), 0.99 * len(codes))
        self.assertTrue(cases[0]._gov_proof_matches(cases[0].rating_code.lower()))

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
        """The figures the supervisor sees on departments (with the departments
        below them) and staff, and the work order figures, are those of a direct
        count of the generated rows."""
        departments = (
            self.env["hr.department"]
            .with_user(self.supervisor)
            .browse(self.ratings.department_id.ids)
        )
        for department in departments:
            self.cr.execute(
                """
                SELECT count(*), count(*) FILTER (WHERE e.is_bad)
                FROM gov_evaluation e JOIN hr_department d ON d.id = e.department_id
                WHERE d.parent_path LIKE %s AND e.validity = 'valid'
                  AND e.assess_number = '1' AND NOT e.is_default
                """,
                [department.parent_path + "%"],
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
