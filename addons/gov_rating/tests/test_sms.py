import hashlib
import hmac
from datetime import timedelta

from odoo.tests import tagged

from .channels_common import FakeSmsGateway, GovHttpCase

PHONE = "13912345678"


@tagged("post_install", "-at_install")
class TestSms(GovHttpCase):
    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("gov_rating.sms_invitation", "True")
        self.provider = self.env["gov.sms.provider"].create(
            {
                "name": "短信网关",
                "url": "http://127.0.0.1:9/unused",
                "account": "gov-account",
                "secret": "s3cret",
                "template_code": "SMS_123456",
                "sender": "政务服务",
                "inbound_secret": "inbound-token",
            }
        )

    def _complete(self, number, phone=PHONE, staff=None):
        case = self._case(number, staff=staff, phone=phone)
        case.action_done()
        return case

    def _send_queue(self, gateway):
        self.provider.url = gateway.url
        self.env["sms.sms"].search([("state", "=", "outgoing")]).send(unlink_sent=False)

    def _reply(self, text, phone=PHONE, token="inbound-token"):
        return self._post_json(
            "/gov/sms/inbound",
            {"phone": phone, "text": text},
            headers={"X-Gov-Token": token} if token else {},
        )

    def test_invitation_goes_through_the_gateway(self):
        case = self._complete("SMS-1")
        link = case.sudo().link_ids
        sms = self.env["sms.sms"].search([("gov_case_link_id", "=", link.id)])
        self.assertEqual(sms.number, PHONE)
        self.assertIn(link.url, sms.body)
        self.assertEqual(sms.state, "outgoing")
        with FakeSmsGateway() as gateway:
            self._send_queue(gateway)
        [received] = gateway.received
        self.assertEqual(received["phone"], PHONE)
        self.assertEqual(received["templateCode"], "SMS_123456")
        self.assertEqual(received["sender"], "政务服务")
        self.assertEqual(
            received["params"],
            {"url": link.url, "case": "SMS-1", "code": case.rating_code},
        )
        self.assertIn(case.rating_code, sms.body)
        expected = hmac.new(
            b"s3cret",
            f"gov-account{received['timestamp']}{PHONE}".encode(),
            hashlib.sha256,
        ).hexdigest()
        self.assertEqual(received["signature"], expected)
        self.assertEqual(sms.state, "pending")
        self.assertTrue(link.date_invited)

    def test_gateway_refusal_marks_the_sms_failed(self):
        case = self._complete("SMS-2")
        with FakeSmsGateway(reply={"code": "isv.BUSINESS_LIMIT_CONTROL"}) as gateway:
            self._send_queue(gateway)
        sms = self.env["sms.sms"].search(
            [("gov_case_link_id", "in", case.sudo().link_ids.ids)]
        )
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertFalse(case.sudo().link_ids.date_invited)

    def test_no_sms_without_phone_setting_or_gateway(self):
        self._complete("SMS-3", phone=False)
        self.env["ir.config_parameter"].set_param("gov_rating.sms_invitation", "False")
        self._complete("SMS-4")
        self.env["ir.config_parameter"].set_param("gov_rating.sms_invitation", "True")
        self.provider.active = False
        self._complete("SMS-5")
        self.assertFalse(
            self.env["sms.sms"].search([("gov_case_link_id", "!=", False)])
        )

    def test_reply_rates_the_case_once(self):
        case = self._complete("SMS-6", staff=self.staff_a | self.staff_b)
        with FakeSmsGateway() as gateway:
            self._send_queue(gateway)
        self.assertEqual(len(gateway.received), 2)
        response = self._reply(" 非常满意。")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["rated"]), 2)
        evaluations = case.evaluation_ids
        self.assertEqual(evaluations.employee_id, self.staff_a | self.staff_b)
        self.assertEqual(set(evaluations.mapped("level")), {"5"})
        self.assertEqual(set(evaluations.mapped("channel")), {"sms"})
        self.assertEqual(set(case.sudo().link_ids.mapped("state")), {"used"})
        again = self._reply("1")
        self.assertEqual(again.status_code, 422)
        self.assertIn("no case waiting", again.json()["error"])
        self.assertEqual(len(case.evaluation_ids), 2)

    def test_reply_digits_words_and_latest_case(self):
        older = self._complete("SMS-7")
        newer = self._complete("SMS-8")
        with FakeSmsGateway() as gateway:
            self._send_queue(gateway)
        older.sudo().link_ids.date_invited -= timedelta(hours=1)
        self.assertEqual(self._reply("2").status_code, 200)
        self.assertEqual(newer.evaluation_ids.level, "2")
        self.assertFalse(older.evaluation_ids)
        self.assertEqual(self._reply("Satisfied").status_code, 200)
        self.assertEqual(older.evaluation_ids.level, "4")

    def test_hostile_replies(self):
        self._complete("SMS-9")
        with FakeSmsGateway() as gateway:
            self._send_queue(gateway)
        count = self.env["gov.evaluation"].search_count([])
        self.assertEqual(self._reply("5", token=None).status_code, 401)
        self.assertEqual(self._reply("5", token="wrong").status_code, 401)
        response = self._post_json(
            "/gov/sms/inbound", "{oops", headers={"X-Gov-Token": "inbound-token"}
        )
        self.assertEqual(response.status_code, 400)
        for text, phone in (
            ("6", PHONE),
            ("hello", PHONE),
            ("5" * 100, PHONE),
            (5, PHONE),
            ("5", "12345"),
            ("5", ["x"]),
            ("5", "13800000000"),
        ):
            response = self._reply(text, phone=phone)
            self.assertEqual(response.status_code, 422, (text, phone))
        self.assertEqual(self.env["gov.evaluation"].search_count([]), count)
