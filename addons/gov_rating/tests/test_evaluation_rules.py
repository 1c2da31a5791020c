import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CREDIT_CODE, ID_OTHER, ID_PERSON, GovRatingCase


@tagged("post_install", "-at_install")
class TestEvaluationRules(GovRatingCase):
    def test_rating_fills_the_chain_of_rated_objects(self):
        rating = self.rate(5)
        self.assertEqual(rating.window_id, self.window)
        self.assertEqual(rating.hall_id, self.hall)
        self.assertEqual(rating.department_id, self.subdept)
        self.assertEqual(rating.region_id, self.county)
        self.assertEqual(rating.item_id, self.item)
        self.assertEqual(rating.points, 10)
        self.assertTrue(rating.is_good)
        self.assertFalse(rating.is_bad)
        self.assertTrue(rating.name.startswith("PJ"))

    def test_impossible_level_is_refused_and_nothing_stored(self):
        before = self.env["gov.evaluation"].search_count([])
        for level in ("0", "6", "", "abc"):
            with self.assertRaisesRegex(ValidationError, "not a rating level"):
                self.rate(level)
        self.assertEqual(self.env["gov.evaluation"].search_count([]), before)

    def test_invalid_identity_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "ID number or credit code is not valid"
        ):
            self.rate(4, evaluator_cert="110105194912310021")
        with self.assertRaisesRegex(ValidationError, "11-digit mobile"):
            self.rate(4, evaluator_phone="12345")
        person = self.rate(
            4, evaluator_cert=ID_PERSON.lower(), evaluator_phone="+86 139-0000-1234"
        )
        company = self.rate(4, evaluator_cert=CREDIT_CODE)
        self.assertEqual(person.sudo().evaluator_cert, ID_PERSON)
        self.assertEqual(person.sudo().evaluator_phone, "13900001234")
        self.assertEqual(person.sudo().evaluator_type, "person")
        self.assertEqual(company.sudo().evaluator_type, "company")

    def test_identity_is_masked(self):
        rating = self.rate(
            2,
            evaluator_name="王小明",
            evaluator_cert=ID_PERSON,
            evaluator_phone="13812345678",
        )
        self.assertEqual(rating.evaluator_masked, "王** 138****5678 1101**********002X")
        anonymous = self.rate(2, evaluator_phone="13812345679", anonymous=True)
        self.assertEqual(anonymous.evaluator_masked, "Anonymous")

    def test_one_first_evaluation_per_case_and_staff_whatever_the_channel(self):
        case = self.make_case(staff=self.staff | self.staff2)
        self.rate(5, case=case, staff=self.staff)
        # Each staff member of the case is rated on their own.
        self.rate(4, case=case, staff=self.staff2)
        # Whoever rates again, through whatever channel, is refused.
        for vals in (
            {"channel": "qr"},
            {"channel": "sms", "evaluator_cert": ID_OTHER},
            {"channel": "device", "evaluator_phone": "13800009999"},
        ):
            with self.assertRaisesRegex(ValidationError, "rated already"):
                self.rate(1, case=case, staff=self.staff, **vals)
        # A rating of the case as a whole counts for each of its staff members.
        whole = self.make_case(staff=self.staff | self.staff2)
        self.rate(3, case=whole, employee_id=False)
        with self.assertRaisesRegex(ValidationError, "rated already"):
            self.rate(3, case=whole, staff=self.staff2, channel="pc")
        self.assertEqual(len(whole.evaluation_ids), 1)

    def test_uniqueness_is_enforced_by_the_database(self):
        rating = self.rate(5)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    """INSERT INTO gov_evaluation (name, date, level, channel,
                           assess_number, case_id, employee_id, evaluator_key,
                           validity, company_id)
                       SELECT 'X', now(), '1', 'sms', '1', case_id, employee_id,
                              'another evaluator', 'valid', company_id
                         FROM gov_evaluation WHERE id = %s""",
                    [rating.id],
                )

    def test_nobody_edits_or_deletes_a_rating(self):
        rating = self.rate(1, comment="排队太久")
        for vals in ({"level": "5"}, {"comment": "很好"}, {"tag_ids": [(5, 0, 0)]}):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                rating.write(vals)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            rating.unlink()
        # Not even in SQL.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.RaiseException),
        ):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE gov_evaluation SET level = '5' WHERE id = %s", [rating.id]
                )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.RaiseException),
        ):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "DELETE FROM gov_evaluation WHERE id = %s", [rating.id]
                )
        rating.invalidate_recordset()
        self.assertEqual(rating.level, "1")
        self.assertEqual(rating.comment, "排队太久")

    def test_tags_must_fit_the_level(self):
        good_tag = self.env.ref(
            "gov_rating.tag_c01"
        )  # Efficient service: good levels only
        with self.assertRaisesRegex(ValidationError, "does not go with this level"):
            self.rate(1, tag_ids=[(6, 0, good_tag.ids)])
        rating = self.rate(5, tag_ids=[(6, 0, good_tag.ids)])
        self.assertEqual(rating.tag_set_id, good_tag.tag_set_id)
        self.assertTrue(good_tag.tag_set_id.locked)

    def test_interface_and_gbt_codes(self):
        Level = self.env["gov.level"]
        self.assertEqual(Level.gbt_code("5"), "1")  # 非常满意
        self.assertEqual(Level.gbt_code("1"), "5")  # 非常不满意
        self.assertEqual(Level.from_gbt_code("2"), "4")

    def test_unknown_region_code_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a GB/T 2260 code"):
            self.env["gov.region"].create(
                {"name": "X", "code": "12AB", "level": "county"}
            )
        region = self.env["gov.region"].create(
            {"name": "Y", "code": "990102", "level": "county"}
        )
        self.assertEqual(region.code, "990102000000")


class TestSecondEvaluationAlone(GovRatingCase):
    """gov_rating's own rule, checked at install: modules installed later may add
    conditions (gov_rectify waits for the department's reply to the bad review)."""

    def test_second_evaluation_only_after_a_bad_first_one(self):
        good = self.rate(5)
        with self.assertRaisesRegex(ValidationError, "Only a bad review"):
            self.rate(5, case=good.case_id, assess_number="2")
        bad = self.rate(1)
        second = self.rate(4, case=bad.case_id, assess_number="2")
        self.assertEqual(second.first_evaluation_id, bad)
        with self.assertRaisesRegex(ValidationError, "second evaluation already"):
            self.rate(5, case=bad.case_id, assess_number="2")
