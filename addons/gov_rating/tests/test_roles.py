from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRoles(TransactionCase):
    """Each demo role does its job logged in as itself, never as an administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls.env.ref("gov_rating.user_clerk")
        cls.handler = cls.env.ref("gov_rating.user_handler")
        cls.manager = cls.env.ref("gov_rating.user_manager")
        cls.supervisor = cls.env.ref("gov_rating.user_supervisor")

    def _open_cases(self, user):
        cases = self.env["gov.case"].with_user(user).search([], limit=3)
        self.assertTrue(cases, f"{user.login} sees cases of their scope")
        for case in cases:
            form = Form(case)
            self.assertEqual(form.name, case.sudo().name)
            self.assertEqual(
                {e.display_name for e in form.employee_ids},
                set(case.sudo().employee_ids.mapped("name")),
            )
            # The staff as the case's screens read them: name and window.
            staff = case.employee_ids
            self.assertEqual(
                staff.mapped("name"), case.sudo().employee_ids.mapped("name")
            )
            self.assertEqual(
                staff.gov_window_id, case.sudo().employee_ids.gov_window_id
            )

    def test_window_clerk_opens_own_cases(self):
        self._open_cases(self.clerk)

    def test_handler_opens_department_cases(self):
        self._open_cases(self.handler)

    def test_clerk_lands_on_own_ratings(self):
        home = self.env.ref("gov_rating.gov_my_figures_action_open")
        self.assertEqual(self.clerk.action_id.id, home.id)
        self.assertEqual(
            self.supervisor.action_id.id,
            self.env.ref("gov_rating.gov_evaluation_action_review").id,
        )
        action = self.env["gov.my.figures"].with_user(self.clerk).action_open()
        figures = self.env["gov.my.figures"].with_user(self.clerk)
        figures = figures.browse(action["res_id"])
        self.assertEqual(figures.employee_id.user_id, self.clerk)
        Evaluation = self.env["gov.evaluation"].with_user(self.clerk)
        mine = Evaluation.search([("employee_id.user_id", "=", self.clerk.id)])
        self.assertTrue(mine, "the clerk's demo ratings show on the home page")
        self.assertEqual(mine.sudo().employee_id.user_id, self.clerk)
        self.assertLessEqual(figures.evaluation_ids, mine)

    def test_manager_saves_the_gov_settings(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        with Form(self.env["res.config.settings"].with_user(self.manager)) as form:
            self.assertEqual(form.gov_tz, "Asia/Shanghai")
            form.gov_tz = "Asia/Urumqi"
            form.gov_burst_count = 9
            form.gov_rectify_reply_days = 12
        # The web client reads the form's title with every save (web_save).
        self.assertTrue(form.record.web_read({"display_name": {}})[0]["display_name"])
        form.record.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("gov_rating.burst_count"), "9")
        self.assertEqual(params.get_param("gov_rectify.reply_days"), "12")
        self.assertEqual(self.env.company.gov_tz, "Asia/Urumqi")
        # The rest of the form stays the administrators'.
        with self.assertRaises(AccessError):
            form.record.set_values()

    def test_manager_builds_a_questionnaire(self):
        survey = (
            self.env["survey.survey"]
            .with_user(self.manager)
            .create(
                {
                    "title": "办事体验问卷",
                    "question_and_page_ids": [
                        Command.create(
                            {
                                "title": "办事指南是否清晰？",
                                "question_type": "simple_choice",
                                "suggested_answer_ids": [
                                    Command.create({"value": "是"}),
                                    Command.create({"value": "否"}),
                                ],
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(survey.question_ids.title, "办事指南是否清晰？")
        self.assertEqual(len(survey.question_ids.suggested_answer_ids), 2)

    def test_supervisor_reviews_several_suspect_ratings_at_once(self):
        Evaluation = self.env["gov.evaluation"]
        suspects = Evaluation.search([("validity", "=", "valid")], limit=3)
        suspects.write({"validity": "suspect"})
        queue = Evaluation.with_user(self.supervisor).search(
            [("validity", "=", "suspect"), ("id", "in", suspects.ids)]
        )
        self.assertEqual(queue, suspects)
        action = queue.action_open_review()
        Wizard = self.env[action["res_model"]].with_user(self.supervisor)
        with Form(Wizard.with_context(**action["context"])) as wizard:
            self.assertEqual(wizard.decision, "invalid")
            wizard.reason = "同一手机号五分钟内连续评价"
        wizard.record.action_apply()
        self.assertEqual(set(suspects.mapped("validity")), {"invalid"})
        self.assertEqual(set(suspects.mapped("review_reason")), {wizard.reason})
        self.assertEqual(suspects.reviewer_id, self.supervisor)
