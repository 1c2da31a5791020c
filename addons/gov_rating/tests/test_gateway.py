import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .channels_common import GovHttpCase
from .common import GovRatingCase

SCAN = base64.b64encode(b"%PDF-1.4 scanned paper form").decode()


@tagged("post_install", "-at_install")
class TestPaperForm(GovRatingCase):
    """纸质评价录入: a window clerk types in a citizen's paper form."""

    def enter(self, user, case, staff=None, level="4", **vals):
        wizard = (
            self.env["gov.paper.rating.wizard"]
            .with_user(user)
            .create(
                {
                    "case_number": case.name,
                    "employee_id": (staff or self.staff).id,
                    "level": level,
                    "scan": SCAN,
                    "scan_name": "form.pdf",
                    **vals,
                }
            )
        )
        wizard.action_confirm()
        return self.env["gov.evaluation"].search([("case_id", "=", case.id)])

    def test_a_colleague_enters_a_paper_form_and_it_counts(self):
        case = self.make_case(staff=self.staff)
        tag = (
            self.env["gov.tag.set"]
            ._active_for("counter")
            .tag_ids.filtered(lambda t: "4" in t.level_ids.mapped("value"))[:1]
        )
        paper = self.enter(
            self.user_clerk2, case, tag_ids=[(6, 0, tag.ids)], comment="纸质表：满意"
        )
        self.assertEqual(len(paper), 1)
        self.assertEqual(paper.channel, "paper")
        self.assertEqual(paper.entered_by_id, self.user_clerk2)
        self.assertEqual(paper.employee_id, self.staff)
        self.assertEqual(paper.tag_ids, tag)
        self.assertEqual(paper.validity, "valid")
        self.assertEqual(paper.paper_attachment_id.res_id, paper.id)
        self.assertEqual(paper.paper_attachment_id.raw, b"%PDF-1.4 scanned paper form")
        figures = self.env["gov.evaluation"]._gov_object_figures(
            "employee_id", self.staff.ids
        )
        self.assertEqual(figures[self.staff.id]["count"], 1)
        # The staff member rated sees the rating, not who typed it in nor the scan.
        mine = self.env["gov.evaluation"].with_user(self.user_clerk)
        self.assertEqual(mine.search([("id", "=", paper.id)]).level, "4")

    def test_nobody_enters_a_paper_form_of_their_own_case(self):
        case = self.make_case(staff=self.staff)
        with self.assertRaisesRegex(ValidationError, "case you handled"):
            self.enter(self.user_clerk, case)
        self.assertFalse(case.evaluation_ids)
        # A colleague enters it; the citizen's form is not lost.
        self.assertEqual(len(self.enter(self.user_clerk2, case)), 1)

    def test_a_paper_form_needs_its_scan_and_its_author(self):
        case = self.make_case()
        with self.assertRaisesRegex(UserError, "scanned paper form"):
            self.enter(self.user_clerk2, case, scan=False)
        values = {"case_id": case.id, "employee_id": self.staff.id, "level": "5"}
        with self.assertRaisesRegex(ValidationError, "named user"):
            self.env["gov.evaluation"]._gateway_create("paper", [values])
        self.assertFalse(case.evaluation_ids)

    def test_a_supervisor_sample_checks_paper_forms(self):
        paper = self.enter(self.user_clerk2, self.make_case())
        Evaluation = self.env["gov.evaluation"].with_user(self.user_supervisor)
        to_check = [("channel", "=", "paper"), ("paper_checked", "=", False)]
        self.assertIn(paper, Evaluation.search(to_check))
        for user in (self.user_clerk2, self.user_handler):
            with self.assertRaises(AccessError):
                paper.with_user(user).action_check_paper()
        self.assertFalse(paper.paper_checked)
        paper.with_user(self.user_supervisor).action_check_paper()
        self.assertTrue(paper.paper_checked)
        self.assertEqual(paper.paper_checker_id, self.user_supervisor)
        self.assertNotIn(paper, Evaluation.search(to_check))


@tagged("post_install", "-at_install")
class TestGatewayOverJsonRpc(GovHttpCase):
    """A back-office account is an attack surface: nobody creates a rating over
    JSON-RPC, whatever the context they send."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.clerk = new_test_user(env, "rpc_clerk", groups="gov_rating.group_gov_clerk")
        cls.handler = new_test_user(
            env, "rpc_handler", groups="gov_rating.group_gov_handler"
        )
        cls.supervisor = new_test_user(
            env, "rpc_supervisor", groups="gov_rating.group_gov_supervisor"
        )
        cls.staff, cls.colleague = cls.staff_a, cls.staff_b
        cls.staff.user_id = cls.clerk
        env["hr.employee"].create(
            {
                "name": "RPC经办人",
                "department_id": cls.department.id,
                "user_id": cls.handler.id,
            }
        )
        cls.case = cls._case(
            "RPC-CASE-1", done_ago=timedelta(minutes=5), phone="13911112222"
        )
        cls.case2 = cls._case(
            "RPC-CASE-2", staff=cls.colleague, done_ago=timedelta(minutes=5)
        )

    def call_create(self, login, case, context=None):
        self.authenticate(login, login)
        values = {
            "case_id": case.id,
            "level": "5",
            "channel": "qr",
            "validity": "valid",
            "evaluator_phone": "13911112222",
        }
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as error:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/gov.evaluation/create",
                {
                    "model": "gov.evaluation",
                    "method": "create",
                    "args": [[values]],
                    "kwargs": {"context": context or {}},
                },
            )
        return error.exception

    def test_staff_cannot_create_ratings_over_jsonrpc(self):
        attempts = (
            ("rpc_clerk", self.case, None),  # their own case, before the citizen
            ("rpc_handler", self.case2, None),  # a colleague's case
            ("rpc_clerk", self.case, {"gov_skip_fraud_checks": True}),
            ("rpc_supervisor", self.case2, {"gov_skip_fraud_checks": True}),
        )
        for login, case, context in attempts:
            error = self.call_create(login, case, context)
            self.assertIn("AccessError", str(error), login)
        self.env.invalidate_all()
        self.assertFalse((self.case | self.case2).evaluation_ids)
        # The honest citizen's rating still goes through, by the case link.
        link = self.case.sudo().link_ids
        self.assertEqual(len(link), 1)
        evaluation, created = link._submit({"level": "4"}, "10.0.0.7")
        self.assertTrue(created)
        self.assertEqual(self.case.evaluation_ids, evaluation)
        self.assertEqual(evaluation.validity, "valid")

    def test_a_context_key_switches_no_check_off(self):
        """A context like the one an RPC client sends turns no fraud check off."""
        self.colleague.mobile_phone = "13900000009"
        rating = (
            self.env["gov.evaluation"]
            .with_context(gov_skip_fraud_checks=True, default_validity="valid")
            ._gateway_create(
                "qr",
                [
                    {
                        "case_id": self.case2.id,
                        "level": "5",
                        "evaluator_phone": "13900000009",
                    }
                ],
            )
        )
        self.assertEqual(rating.validity, "suspect")
        self.assertIn("own_case", rating.sudo().signal_ids.mapped("kind"))
