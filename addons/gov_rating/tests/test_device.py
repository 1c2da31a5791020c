from datetime import timedelta

from odoo.tests import tagged

from .channels_common import GovHttpCase


@tagged("post_install", "-at_install")
class TestDevice(GovHttpCase):
    def setUp(self):
        super().setUp()
        self.device = self.env["gov.device"].create(
            {
                "name": "07号窗口评价器",
                "code": "PJQ-07",
                "hall_id": self.hall.id,
                "window_id": self.window.id,
                "response_interval": 5,
            }
        )
        action = self.device.action_generate_api_key()
        self.key = action["params"]["message"].rsplit(" ", 1)[1]
        self.auth = {"Authorization": f"Bearer {self.key}"}
        self.case = self._case("DEV-1", done_ago=timedelta(minutes=1))

    def _api(self, path, payload=None, headers=None):
        if payload is None:
            return self.url_open(path, headers=headers or self.auth)
        return self._post_json(path, payload, headers=headers or self.auth)

    def test_key_is_kept_hashed_and_required(self):
        self.assertNotIn(self.key, self.device.sudo().api_key_hash)
        self.assertTrue(self.device.has_api_key)
        for headers in ({}, {"Authorization": "Bearer wrong" * 4}, {"X": "1"}):
            response = self._api("/gov/api/v1/device", headers=headers or {"X": "1"})
            self.assertEqual(response.status_code, 401)
            self.assertIn("device key", response.json()["error"])
        old = self.key
        self.device.action_generate_api_key()
        response = self._api("/gov/api/v1/device", headers={"Authorization": old})
        self.assertEqual(response.status_code, 401)

    def test_only_the_device_key_is_accepted(self):
        other = self.device.copy({"code": "PJQ-08"})
        self.assertFalse(other.has_api_key)
        other_key = other.action_generate_api_key()["params"]["message"].rsplit(" ", 1)[
            1
        ]
        state = self._api(
            "/gov/api/v1/device", headers={"Authorization": f"Bearer {other_key}"}
        )
        self.assertEqual(state.json()["device"], "PJQ-08")
        self.assertEqual(self._api("/gov/api/v1/device").json()["device"], "PJQ-07")
        for key in (self.key[:-1] + "x", "é" * 43, "钥匙".encode() * 8):
            header = b"Bearer " + key if isinstance(key, bytes) else f"Bearer {key}"
            response = self._api(
                "/gov/api/v1/device/rate", {"level": 5}, {"Authorization": header}
            )
            self.assertEqual(response.status_code, 401, key)
            self.assertIn("device key", response.json()["error"])

    def test_push_case_then_rate_it(self):
        state = self._api("/gov/api/v1/device").json()
        self.assertIsNone(state["case"])
        self.assertEqual([lv["level"] for lv in state["levels"]], [5, 4, 3, 2, 1])
        self.assertIn("C01", [t["code"] for t in state["tags"]])
        response = self._api("/gov/api/v1/device/show", {"projectNo": "DEV-1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["case"]["projectNo"], "DEV-1")
        self.assertEqual(self.device.pending_case_id, self.case)
        response = self._api(
            "/gov/api/v1/device/rate", {"level": 5, "tags": ["C01", "C02"]}
        )
        self.assertEqual(response.status_code, 201, response.text)
        evaluation = self.case.evaluation_ids
        self.assertEqual(evaluation.name, response.json()["name"])
        self.assertEqual(evaluation.channel, "device")
        self.assertEqual(evaluation.device_id, self.device)
        self.assertEqual(evaluation.employee_id, self.staff_a)
        self.assertEqual(len(evaluation.tag_ids), 2)
        self.assertFalse(self.device.pending_case_id)

    def test_response_interval_is_enforced(self):
        first = self._api("/gov/api/v1/device/rate", {"level": 4})
        self.assertEqual(first.status_code, 201)
        second = self._api("/gov/api/v1/device/rate", {"level": 4})
        self.assertEqual(second.status_code, 429)
        self.assertIn("one rating every 5 seconds", second.json()["error"])
        self.device.last_rating_date -= timedelta(seconds=6)
        third = self._api("/gov/api/v1/device/rate", {"level": 4})
        self.assertEqual(third.status_code, 201)
        self.assertEqual(
            len(self._evaluations(device_id=self.device.id, window_id=self.window.id)),
            2,
        )

    def test_malformed_requests(self):
        count = self.env["gov.evaluation"].search_count([])
        bad = [
            ("/gov/api/v1/device/rate", "not json", 400),
            ("/gov/api/v1/device/rate", "[1, 2]", 400),
            ("/gov/api/v1/device/rate", {"level": 9}, 422),
            ("/gov/api/v1/device/rate", {"level": "五"}, 422),
            ("/gov/api/v1/device/rate", {"level": 1, "tags": ["C01"]}, 422),
            ("/gov/api/v1/device/rate", {"level": 5, "tags": {"a": 1}}, 422),
            ("/gov/api/v1/device/rate", {"level": 5, "comment": ["x"]}, 422),
            ("/gov/api/v1/device/show", {"projectNo": "NOPE"}, 422),
            ("/gov/api/v1/device/show", {"projectNo": 12}, 422),
            ("/gov/api/v1/device/show", {}, 422),
        ]
        for path, payload, status in bad:
            response = self._api(path, payload)
            self.assertEqual(response.status_code, status, (path, payload))
            self.assertTrue(response.json()["error"])
        self.assertEqual(self.env["gov.evaluation"].search_count([]), count)
        other_hall = self.env["gov.hall"].create(
            {"name": "另一大厅", "region_id": self.region.id}
        )
        self._case("DEV-OTHER", hall_id=other_hall.id)
        response = self._api("/gov/api/v1/device/show", {"projectNo": "DEV-OTHER"})
        self.assertEqual(response.status_code, 422)
