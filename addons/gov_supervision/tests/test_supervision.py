from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.gov_rating.tests.common import GovRatingCase


@tagged("post_install", "-at_install")
class TestSupervision(GovRatingCase):
    """Suggestions and third-party assessments: entered in the back office, shown on
    the object's record, kept apart from the citizen ratings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Assessment = cls.env["gov.assessment"].with_user(cls.user_supervisor)
        period = {"date_from": "2026-01-01", "date_to": "2026-06-30"}
        cls.assess_staff = Assessment.create(
            {
                "assessor": "第三方评估中心",
                "object_type": "staff",
                "employee_id": cls.staff.id,
                "score": 91.5,
                **period,
            }
        )
        cls.assess_colleague = Assessment.create(
            {
                "assessor": "第三方评估中心",
                "object_type": "staff",
                "employee_id": cls.staff2.id,
                "score": 70,
                **period,
            }
        )
        cls.assess_window = Assessment.create(
            {
                "assessor": "社会各界综合评议组",
                "object_type": "window",
                "window_id": cls.window.id,
                "score": 88,
                **period,
            }
        )
        cls.assess_other = Assessment.create(
            {
                "assessor": "社会各界综合评议组",
                "object_type": "department",
                "department_id": cls.other_dept.id,
                "score": 80,
                **period,
            }
        )
        # Typing in a contact takes the identity right.
        Suggestion = cls.env["gov.suggestion"].with_user(cls.user_identity)
        cls.suggest_window = Suggestion.create(
            {
                "source": "paper",
                "subject": "增加叫号屏",
                "content": "大厅叫号屏太少，看不清。",
                "window_id": cls.window.id,
                "contact_name": "钱七",
                "contact_phone": "0851-12345678",
            }
        )
        cls.suggest_other = Suggestion.create(
            {
                "source": "phone",
                "subject": "户籍窗口午休不停办",
                "content": "希望中午也能办理。",
                "department_id": cls.other_dept.id,
            }
        )

    def test_objects_are_completed_and_named(self):
        self.assertEqual(self.assess_staff.window_id, self.window)
        self.assertEqual(self.assess_staff.hall_id, self.hall)
        self.assertEqual(self.assess_staff.department_id, self.subdept)
        self.assertEqual(self.assess_staff.object_name, "张三")
        self.assertEqual(self.assess_window.department_id, self.subdept)
        self.assertTrue(self.assess_staff.name.startswith("PG"))
        self.assertEqual(self.suggest_window.hall_id, self.hall)
        self.assertEqual(self.suggest_window.department_id, self.subdept)
        self.assertTrue(self.suggest_window.name.startswith("JY"))

    def test_assessment_validation(self):
        Assessment = self.env["gov.assessment"].with_user(self.user_supervisor)
        base = {"assessor": "X", "date_from": "2026-01-01", "date_to": "2026-01-31"}
        with self.assertRaises(ValidationError):
            Assessment.create({**base, "object_type": "hall"})
        with self.assertRaises(ValidationError):
            Assessment.create(
                {**base, "object_type": "hall", "hall_id": self.hall.id, "score": 120}
            )
        with self.assertRaises(ValidationError):
            Assessment.create(
                {
                    **base,
                    "object_type": "hall",
                    "hall_id": self.hall.id,
                    "date_to": "2025-01-01",
                }
            )

    def test_suggestion_workflow(self):
        suggestion = self.suggest_window.with_user(self.user_handler)
        suggestion.action_handle()
        self.assertEqual(suggestion.state, "handling")
        with self.assertRaises(UserError):
            suggestion.action_done()
        suggestion.handling_note = "已增设两块叫号屏。"
        suggestion.action_done()
        self.assertEqual(suggestion.state, "done")
        with self.assertRaises(ValidationError):
            self.suggest_other.contact_phone = "call me"

    def test_supervisors_read_all_handlers_their_department(self):
        everything = (
            self.assess_staff
            | self.assess_colleague
            | self.assess_window
            | self.assess_other
        )
        Assessment = self.env["gov.assessment"]
        Suggestion = self.env["gov.suggestion"]
        domain = [("id", "in", everything.ids)]
        self.assertEqual(
            Assessment.with_user(self.user_supervisor).search(domain), everything
        )
        self.assertEqual(
            Assessment.with_user(self.user_handler).search(domain),
            everything - self.assess_other,
        )
        suggestions = self.suggest_window | self.suggest_other
        self.assertEqual(
            Suggestion.with_user(self.user_supervisor).search(
                [("id", "in", suggestions.ids)]
            ),
            suggestions,
        )
        self.assertEqual(
            Suggestion.with_user(self.user_handler).search(
                [("id", "in", suggestions.ids)]
            ),
            self.suggest_window,
        )
        self.assertEqual(
            self.suggest_window.with_user(self.user_handler).contact_masked,
            "钱* 085****5678",
        )
        with self.assertRaises(AccessError):
            self.suggest_other.with_user(self.user_handler).read(["subject"])

    def test_window_staff_read_only_their_own_assessments(self):
        mine = self.env["gov.assessment"].with_user(self.user_clerk)
        self.assertEqual(mine.search([]), self.assess_staff)
        with self.assertRaises(AccessError):
            self.assess_colleague.with_user(self.user_clerk).read(["score"])
        with self.assertRaises(AccessError):
            self.assess_window.with_user(self.user_clerk).read(["findings"])
        with self.assertRaises(AccessError):
            mine.create(
                {
                    "assessor": "自评",
                    "object_type": "staff",
                    "employee_id": self.staff.id,
                    "date_from": "2026-01-01",
                    "date_to": "2026-01-31",
                    "score": 100,
                }
            )
        with self.assertRaises(AccessError):
            self.env["gov.suggestion"].with_user(self.user_clerk).search([])

    def test_shown_on_the_object_and_kept_apart_from_ratings(self):
        dept = self.dept.with_user(self.user_supervisor)
        # The department rolls its sub-departments up, like its index.
        self.assertEqual(dept.gov_assessment_count, 3)
        self.assertEqual(dept.gov_suggestion_count, 1)
        window = self.window.with_user(self.user_supervisor)
        self.assertEqual(window.gov_assessment_count, 3)
        self.assertEqual(
            self.hall.with_user(self.user_supervisor).gov_suggestion_count, 1
        )
        action = window.action_view_gov_assessments()
        self.assertEqual(
            self.env["gov.assessment"].search(action["domain"]),
            self.assess_staff | self.assess_colleague | self.assess_window,
        )
        self.assertEqual(action["context"], {"default_window_id": self.window.id})
        # Not ratings: the index and the figures ignore them.
        self.assertEqual(self.window.gov_rating_count, 0)
        self.assertEqual(self.window.gov_index, 10.0)
        for model in ("hr.department", "gov.hall", "gov.window"):
            arch = (
                self.env[model]
                .with_user(self.user_handler)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            self.assertIn("action_view_gov_assessments", arch, model)
            self.assertIn("action_view_gov_suggestions", arch, model)
        arch = (
            self.env["gov.window"]
            .with_user(self.user_clerk)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("action_view_gov_suggestions", arch)

    def test_publishable(self):
        self.assertFalse(self.assess_window.is_published)
        self.assess_window.with_user(self.user_supervisor).is_published = True
        published = self.env["gov.assessment"].search([("is_published", "=", True)])
        self.assertIn(self.assess_window, published)
        with self.assertRaises(AccessError):
            self.suggest_window.with_user(self.user_handler).unlink()


@tagged("post_install", "-at_install")
class TestRosterEntry(GovRatingCase):
    def test_roster_membership_is_chosen_by_a_supervisor(self):
        Entry = self.env["gov.roster.entry"]
        entry = Entry.with_user(self.user_supervisor).create(
            {"employee_id": self.staff.id}
        )
        self.assertEqual(entry.department_id, self.subdept)
        self.assertEqual(entry.name, "张三")
        self.assertFalse(entry.is_published)
        with self.assertRaises(AccessError):
            entry.with_user(self.user_clerk).is_published = True
        with self.assertRaises(AccessError):
            Entry.with_user(self.user_handler).create({"employee_id": self.staff2.id})
        unit = Entry.create({"entry_type": "unit", "department_id": self.subdept.id})
        self.assertEqual(unit.name, "登记科")
        with self.assertRaises(ValidationError):
            Entry.create({"entry_type": "unit", "department_id": self.subdept.id})
        with self.assertRaises(ValidationError):
            Entry.create({"entry_type": "official", "department_id": self.dept.id})

    def test_rating_dimensions_cannot_be_changed(self):
        entry = self.env["gov.roster.entry"].create(
            {"employee_id": self.staff.id, "is_published": True}
        )
        rating = entry._roster_rate(
            {
                "attitude": "5",
                "efficiency": "1",
                "conduct": "3",
                "reason": "审批太慢",
            },
            "198.51.100.7",
        )
        self.assertEqual(rating.level, "1")
        with self.assertRaises(UserError):
            rating.dimension_ids[0].level = "5"
        with self.assertRaises(UserError):
            rating.dimension_ids.unlink()
        # Staff see the dimensions of their own ratings, not the colleagues'.
        Dimension = self.env["gov.evaluation.dimension"]
        self.assertEqual(
            Dimension.with_user(self.user_clerk).search(
                [("evaluation_id", "=", rating.id)]
            ),
            rating.dimension_ids,
        )
        self.assertFalse(
            Dimension.with_user(self.user_clerk2).search(
                [("evaluation_id", "=", rating.id)]
            )
        )
