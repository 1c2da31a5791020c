import json

from odoo.tests import HttpCase, tagged

from .test_api_key import key_of


@tagged("post_install", "-at_install")
class TestCaseApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env["hr.department"].create({"name": "API测试局"})
        cls.item = cls.env["gov.service.item"].create(
            {"name": "API事项", "code": "API0001", "department_id": department.id}
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "API员工", "gov_staff_code": "APISTAFF1"}
        )
        cls.platform = cls.env["gov.platform"].create(
            {"name": "业务系统", "code": "APITEST"}
        )
        cls.key = key_of(cls.platform.action_generate_api_key())
        cls.other = cls.env["gov.platform"].create(
            {"name": "另一系统", "code": "APITEST2"}
        )
        cls.other_key = key_of(cls.other.action_generate_api_key())

    def post(self, payload, key=None, raw=None):
        key = self.key if key is None else key
        return self.url_open(
            "/gov/api/v1/cases",
            data=raw if raw is not None else json.dumps(payload),
            headers={
                "Authorization": f"Bearer {key}",
                "Content-Type": "application/json",
            },
        )

    def payload(self, **extra):
        return {
            "projectNo": "API-2026-0001",
            "taskCode": "API0001",
            "userProp": "1",
            "userName": "陈一",
            "certKey": "11010519491231002X",
            "mobile": "13811112222",
            "staffCodes": ["APISTAFF1"],
            **extra,
        }

    def test_push_a_case_then_complete_it(self):
        response = self.post(self.payload())
        self.assertEqual(response.status_code, 200, response.text)
        case = self.env["gov.case"].browse(response.json()["id"])
        self.assertEqual(case.name, "API-2026-0001")
        self.assertEqual(case.employee_ids, self.employee)
        self.assertEqual(case.state, "received")
        self.assertEqual(case.sudo().applicant_phone, "13811112222")
        again = self.post(self.payload(proStatus="done"))
        self.assertEqual(
            again.json()["id"], case.id, "the same case number updates the case"
        )
        case.invalidate_recordset()
        self.assertEqual(case.state, "done")
        self.assertTrue(case.date_done)
        self.assertEqual(
            self.env["gov.case"].search_count([("name", "=", "API-2026-0001")]), 1
        )
        # Re-sending the status alone keeps the completion date and the applicant.
        done_on = case.date_done
        status_only = {"projectNo": "API-2026-0001", "taskCode": "API0001"}
        response = self.post({**status_only, "proStatus": "done"})
        self.assertEqual(response.status_code, 200, response.text)
        case.invalidate_recordset()
        self.assertEqual(case.date_done, done_on)
        self.assertEqual(case.sudo().applicant_phone, "13811112222")

    def test_bad_requests_get_clear_errors_and_store_nothing(self):
        cases = self.env["gov.case"].search_count([])
        self.assertEqual(self.post(self.payload(), key="").status_code, 401)
        self.assertEqual(self.post(self.payload(), key="wrong").status_code, 401)
        response = self.post(None, raw="{not json")
        self.assertEqual(response.status_code, 400)
        for payload, message in (
            (self.payload(projectNo=""), "projectNo"),
            (self.payload(taskCode="NOPE"), "Unknown service item code"),
            (self.payload(certKey="123"), "not valid"),
            (self.payload(staffCodes=["NOBODY"]), "Unknown staff"),
            ([1, 2], "JSON object"),
            (self.payload(staffCodes=[{"x": 1}]), "list of texts"),
            (self.payload(taskCode={"$ne": 1}), "must be a text"),
        ):
            response = self.post(payload)
            self.assertEqual(response.status_code, 422, payload)
            self.assertIn(message, response.json()["error"])
        self.post(self.payload())
        response = self.post(self.payload(), key=self.other_key)
        self.assertEqual(response.status_code, 422)
        self.assertIn("another platform", response.json()["error"])
        self.assertEqual(self.env["gov.case"].search_count([]), cases + 1)

    def test_only_the_platform_key_is_accepted(self):
        self.assertEqual(self.post(self.payload()).status_code, 200)
        # Only the digest is kept; another platform's key names that platform.
        self.assertNotIn(self.key, str(self.platform.sudo().read()[0]))
        response = self.post(self.payload(projectNo="API-OTHER"), key=self.other_key)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.env["gov.case"].search([("name", "=", "API-OTHER")]).platform_id,
            self.other,
        )
        for key in (self.key[:-1] + "x", "é" * 43, "钥匙".encode() * 8):
            response = self.url_open(
                "/gov/api/v1/cases",
                data=json.dumps(self.payload()),
                headers={
                    "Authorization": b"Bearer " + key
                    if isinstance(key, bytes)
                    else f"Bearer {key}"
                },
            )
            self.assertEqual(response.status_code, 401, key)
            self.assertIn("API key", response.json()["error"])

    def test_get_is_refused(self):
        response = self.url_open("/gov/api/v1/cases")
        self.assertIn(response.status_code, (404, 405))
