from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ID_PERSON, GovRatingCase


@tagged("post_install", "-at_install")
class TestSecurity(GovRatingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.rate(
            1,
            evaluator_name="赵六",
            evaluator_cert=ID_PERSON,
            evaluator_phone="13812345678",
        )
        cls.colleague = cls.rate(5, staff=cls.staff2)
        cls.other = cls.rate(4, staff=cls.staff3)
        cls.ours = cls.mine | cls.colleague | cls.other

    def visible(self, user):
        return (
            self.env["gov.evaluation"]
            .with_user(user)
            .search([("id", "in", self.ours.ids)])
        )

    def test_window_staff_see_only_their_own_ratings(self):
        self.assertEqual(self.visible(self.user_clerk), self.mine)
        self.assertEqual(self.visible(self.user_clerk2), self.colleague)

    def test_handler_sees_the_department_and_its_subdepartments(self):
        self.assertEqual(self.visible(self.user_handler), self.mine | self.colleague)

    def test_supervisor_sees_the_centre(self):
        self.assertEqual(self.visible(self.user_supervisor), self.ours)

    def test_staff_never_see_who_rated_them(self):
        mine = self.mine.with_user(self.user_clerk)
        self.assertEqual(mine.level, "1")
        for field in (
            "evaluator_name",
            "evaluator_cert",
            "evaluator_phone",
            "evaluator_masked",
            "ip_address",
        ):
            with self.assertRaises(AccessError):
                mine.read([field])
        # Not in the form they open either.
        form_fields = mine.get_views([(False, "form")])["models"]["gov.evaluation"][
            "fields"
        ]
        self.assertFalse(
            {"evaluator_name", "evaluator_cert", "evaluator_phone", "evaluator_masked"}
            & set(form_fields)
        )

    def test_handler_sees_the_masked_identity_only(self):
        mine = self.mine.with_user(self.user_handler)
        self.assertEqual(mine.evaluator_masked, "赵* 138****5678 1101**********002X")
        with self.assertRaises(AccessError):
            mine.read(["evaluator_phone"])

    def test_reading_an_identity_is_limited_and_logged(self):
        Log = self.env["gov.identity.access.log"]
        before = Log.search_count([("res_id", "=", self.mine.id)])
        values = self.mine.with_user(self.user_identity).read(
            ["evaluator_phone", "level"]
        )
        self.assertEqual(values[0]["evaluator_phone"], "13812345678")
        log = Log.search([("res_id", "=", self.mine.id)], order="id desc", limit=1)
        self.assertEqual(Log.search_count([("res_id", "=", self.mine.id)]), before + 1)
        self.assertEqual(log.user_id, self.user_identity)
        self.assertEqual(log.res_model, "gov.evaluation")
        self.assertIn("evaluator_phone", log.field_names)
        # Reading the rating without its identity is not logged.
        self.mine.with_user(self.user_identity).read(["level"])
        self.assertEqual(Log.search_count([("res_id", "=", self.mine.id)]), before + 1)

    def test_only_a_supervisor_marks_a_rating_invalid(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.user_handler)._set_validity("invalid", "恶意差评")
        self.mine.with_user(self.user_supervisor)._set_validity("invalid", "恶意差评")
        self.assertEqual(self.mine.validity, "invalid")

    def test_cases_follow_the_hierarchy(self):
        own = self.mine.case_id | self.colleague.case_id | self.other.case_id
        Case = self.env["gov.case"]
        self.assertEqual(
            Case.with_user(self.user_clerk).search([("id", "in", own.ids)]),
            self.mine.case_id,
        )
        self.assertEqual(
            Case.with_user(self.user_handler).search([("id", "in", own.ids)]),
            self.mine.case_id | self.colleague.case_id,
        )
        self.assertEqual(
            Case.with_user(self.user_supervisor).search([("id", "in", own.ids)]), own
        )

    def test_reading_an_applicant_is_logged_too(self):
        case = self.make_case(applicant_name="钱七", applicant_phone="13811110000")
        with self.assertRaises(AccessError):
            case.with_user(self.user_handler).read(["applicant_phone"])
        self.assertEqual(
            case.with_user(self.user_handler).applicant_masked, "钱* 138****0000"
        )
        case.with_user(self.user_identity).web_read({"applicant_phone": {}})
        log = self.env["gov.identity.access.log"].search(
            [("res_model", "=", "gov.case"), ("res_id", "=", case.id)]
        )
        self.assertEqual(log.user_id, self.user_identity)
        self.assertEqual(log.field_names, "applicant_phone")
