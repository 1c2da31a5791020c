from datetime import timedelta

from odoo.tests import JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.gov_rating.tests.channels_common import GovHttpCase

QUIET = ("odoo.http", "odoo.models")


@tagged("post_install", "-at_install")
class TestInsiderAttacks(GovHttpCase):
    """The insider attacks of the integrity issue, acted out over JSON-RPC as the
    role that would try them: each is refused with a clear message, changes
    nothing, and the honest citizen's rating still goes through."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.clerk = new_test_user(env, "atk_clerk", groups="gov_rating.group_gov_clerk")
        cls.handler = new_test_user(
            env, "atk_handler", groups="gov_rating.group_gov_handler"
        )
        cls.supervisor = new_test_user(
            env, "atk_supervisor", groups="gov_rating.group_gov_supervisor"
        )
        cls.manager = new_test_user(
            env, "atk_manager", groups="gov_rating.group_gov_manager"
        )
        cls.staff_a.user_id = cls.clerk
        env["hr.employee"].create(
            {
                "name": "整改经办人",
                "department_id": cls.department.id,
                "user_id": cls.handler.id,
            }
        )
        cls.case = cls._case(
            "ATK-1", done_ago=timedelta(minutes=5), phone="13911112222"
        )
        cls.bad = env["gov.evaluation"]._gateway_create(
            "qr", [{"case_id": cls.case.id, "level": "1", "comment": "态度差"}]
        )
        cls.order = env["gov.rectify.order"].search(
            [("evaluation_id", "=", cls.bad.id)]
        )

    def rpc(self, login, model, method, args, kwargs=None):
        """The result of the call as ``login``; the JsonRpcException's name when
        refused."""
        self.authenticate(login, login)
        with mute_logger(*QUIET):
            try:
                return self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                )
            except JsonRpcException as error:
                return error

    def assertRefused(self, result, what):
        self.assertIsInstance(result, JsonRpcException, what)

    def assertCitizenStillRates(self, number):
        case = self._case(number, done_ago=timedelta(minutes=5))
        link = case.sudo().link_ids[:1]
        response = self._post_form(
            f"/gov/l/{link.token}/submit",
            {
                "csrf_token": self._csrf(f"/gov/r/{self.seat.gov_qr_token}"),
                "level": "5",
            },
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(case.evaluation_ids.mapped("level"), ["5"])

    def test_clerk_cannot_resend_the_invitation_by_flipping_the_state(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "gov_rating.sms_invitation", "True"
        )
        self.env["gov.sms.provider"].create(
            {
                "name": "网关",
                "url": "http://127.0.0.1:9/sms",
                "account": "acc",
                "secret": "s",
                "template_code": "T1",
                "sender": "政务",
            }
        )
        case = self._case("ATK-SMS", phone="13922223333")
        case.action_done()
        sms = self.env["sms.sms"].sudo()
        sent = sms.search_count([("number", "=", "13922223333")])
        self.assertEqual(sent, 1)
        for state in ("processing", "done", "processing", "done"):
            self.rpc("atk_clerk", "gov.case", "write", [case.ids, {"state": state}])
        self.assertEqual(sms.search_count([("number", "=", "13922223333")]), 1)
        self.assertEqual(len(case.sudo().link_ids), 1, "one link per case and staff")
        refused = self.rpc(
            "atk_clerk", "gov.case", "action_resend_invitation", [case.ids]
        )
        self.assertRefused(refused, "a clerk re-sends")
        self.rpc("atk_supervisor", "gov.case", "action_resend_invitation", [case.ids])
        self.assertEqual(sms.search_count([("number", "=", "13922223333")]), 2)
        self.assertIn(
            "sent again by", " ".join(case.message_ids.mapped("body")).lower()
        )

    def test_supervisor_cannot_rewrite_a_rating(self):
        for vals in (
            {"department_id": False},
            {"window_id": False},
            {"is_bad": False},
            {"validity": "invalid"},
            {"validity": "invalid", "review_reason": "x"},
        ):
            result = self.rpc(
                "atk_supervisor",
                "gov.evaluation",
                "write",
                [self.bad.ids, vals],
                {"context": {"gov_rectify_system": True}},
            )
            self.assertRefused(result, vals)
        self.assertEqual(self.bad.validity, "valid")
        self.assertTrue(self.bad.is_bad and self.bad.window_id)
        # Through the review wizard, with a reason, the validity changes.
        wizard = self.rpc(
            "atk_supervisor",
            "gov.evaluation.review.wizard",
            "create",
            [
                {
                    "evaluation_ids": [(6, 0, self.bad.ids)],
                    "decision": "invalid",
                    "reason": "恶意差评",
                }
            ],
        )
        self.rpc(
            "atk_supervisor", "gov.evaluation.review.wizard", "action_apply", [[wizard]]
        )
        self.assertEqual(self.bad.validity, "invalid")
        self.assertEqual(self.bad.review_reason, "恶意差评")

    def test_handler_cannot_rewrite_what_the_steps_set(self):
        before = self.order.read(["supervisor_id", "employee_id", "source"])[0]
        for vals in (
            {"supervisor_id": self.handler.id},
            {"employee_id": False},
            {"source": "rating", "date_closed": "2020-01-01 00:00:00"},
            {"source": "third_party"},
            {"department_id": False},
            {"user_id": self.handler.id},
        ):
            for context in (
                {},
                {"gov_rectify_system": True, "gov_rectify_transition": True},
            ):
                result = self.rpc(
                    "atk_handler",
                    "gov.rectify.order",
                    "write",
                    [self.order.ids, vals],
                    {"context": context},
                )
                self.assertRefused(result, (vals, context))
        self.assertEqual(
            self.order.read(["supervisor_id", "employee_id", "source"])[0], before
        )

    def test_handler_cannot_mark_a_visit_done_without_the_call(self):
        visit = self.rpc(
            "atk_handler", "gov.rectify.visit", "create", [{"order_id": self.order.id}]
        )
        refused = self.rpc(
            "atk_handler", "gov.rectify.visit", "write", [[visit], {"state": "done"}]
        )
        self.assertRefused(refused, "done by a write")
        refused = self.rpc("atk_handler", "gov.rectify.visit", "action_done", [[visit]])
        self.assertRefused(refused, "done without the outcome")
        record = self.env["gov.rectify.visit"].browse(visit)
        self.assertEqual(record.state, "todo")
        self.rpc(
            "atk_handler",
            "gov.rectify.visit",
            "write",
            [[visit], {"outcome": "reached", "satisfaction": "4"}],
        )
        self.rpc("atk_handler", "gov.rectify.visit", "action_done", [[visit]])
        self.assertEqual(record.state, "done")

    def test_nobody_but_the_administrator_edits_the_history(self):
        message = self.order.message_post(body="核实记录：已电话联系")
        for login in ("atk_handler", "atk_supervisor", "atk_manager"):
            self.assertRefused(
                self.rpc(login, "mail.message", "unlink", [message.ids]), login
            )
            self.assertRefused(
                self.rpc(login, "mail.message", "write", [message.ids, {"body": "x"}]),
                login,
            )
        self.assertTrue(message.exists())
        self.assertIn("已电话联系", message.body)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "证据.txt",
                "raw": b"evidence",
                "res_model": "gov.rectify.order",
                "res_id": self.order.id,
            }
        )
        self.assertRefused(
            self.rpc("atk_supervisor", "ir.attachment", "unlink", [attachment.ids]),
            "attachment",
        )
        self.assertTrue(attachment.exists())

    def test_rated_objects_are_archived_not_deleted(self):
        for model, record in (
            ("gov.window", self.window),
            ("gov.hall", self.hall),
            ("gov.seat", self.seat),
            ("hr.employee", self.staff_a),
            ("gov.service.item", self.item),
        ):
            result = self.rpc("atk_manager", model, "unlink", [record.ids])
            self.assertRefused(result, model)
            self.assertTrue(record.exists(), model)
        self.rpc("atk_manager", "gov.window", "action_archive", [self.window.ids])
        self.assertFalse(self.window.active)
        self.assertEqual(self.bad.window_id, self.window)

    def test_manager_cannot_send_data_off_site(self):
        platform = self.env["gov.platform"].create({"name": "省平台", "code": "PROV"})
        result = self.rpc(
            "atk_manager",
            "gov.platform",
            "write",
            [platform.ids, {"gov_push_url": "http://attacker.example/collect"}],
        )
        self.assertRefused(result, "push URL")
        self.assertFalse(platform.gov_push_url)
        self.assertCitizenStillRates("ATK-HONEST")
