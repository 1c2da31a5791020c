import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo import fields

from .common import GovRatingHttpCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class GovChannelsFixture:
    """A hall with a window, a seat, two staff, a service item and cases."""

    @classmethod
    def _setup_channels(cls):
        env = cls.env
        cls.region = env["gov.region"].create(
            {"name": "观山湖区", "code": "520115000000", "level": "county"}
        )
        cls.department = env["hr.department"].create(
            {"name": "市场监督管理局", "gov_region_id": cls.region.id}
        )
        cls.hall = env["gov.hall"].create(
            {"name": "观山湖区政务服务中心", "region_id": cls.region.id}
        )
        cls.window = cls._window("市场监管窗口", "07", cls.hall, cls.department)
        cls.staff_a, cls.staff_b = env["hr.employee"].create(
            [
                {"name": "李明", "gov_window_id": cls.window.id},
                {"name": "王芳", "gov_window_id": cls.window.id},
            ]
        )
        cls.seat = env["gov.seat"].create(
            {
                "name": "07-1",
                "code": "1",
                "window_id": cls.window.id,
                "employee_id": cls.staff_a.id,
            }
        )
        cls.item = env["gov.service.item"].create(
            {
                "name": "营业执照设立登记",
                "code": "115201000CH0001",
                "department_id": cls.department.id,
            }
        )
        cls.levels = {lv.value: lv for lv in env["gov.level"].search([])}
        cls.counter_tags = env["gov.tag.set"]._active_for("counter").tag_ids
        cls.online_tags = env["gov.tag.set"]._active_for("online").tag_ids
        cls.good_counter_tag = cls.counter_tags.filtered(lambda t: t.code == "C01")
        cls.bad_counter_tag = cls.counter_tags.filtered(lambda t: t.code == "C12")
        cls.bad_online_tag = cls.online_tags.filtered(lambda t: t.code == "O11")

    @classmethod
    def _case(cls, number, staff=None, done_ago=None, phone=False, **vals):
        """A case at the seat, completed ``done_ago`` ago (None: not completed)."""
        staff = cls.staff_a if staff is None else staff
        case = cls.env["gov.case"].create(
            {
                "name": number,
                "item_id": cls.item.id,
                "hall_id": cls.hall.id,
                "window_id": cls.window.id,
                "seat_id": cls.seat.id,
                "employee_ids": [(6, 0, staff.ids)],
                "applicant_name": "张三丰",
                "applicant_phone": phone,
                **vals,
            }
        )
        if done_ago is not None:
            case.write({"state": "done", "date_done": fields.Datetime.now() - done_ago})
        return case


class GovHttpCase(GovRatingHttpCase, GovChannelsFixture):
    """The world and the counter, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_channels()

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return CSRF_RE.search(response.text).group(1)

    def _post_form(self, url, data, allow_redirects=False):
        return self.url_open(url, data=data, allow_redirects=allow_redirects)

    def _post_json(self, url, payload, headers=None):
        body = payload if isinstance(payload, str) else json.dumps(payload)
        return self.url_open(
            url,
            data=body.encode(),
            headers={"Content-Type": "application/json", **(headers or {})},
        )

    def _evaluations(self, **domain):
        return self.env["gov.evaluation"].search(
            [(k, "=", v) for k, v in domain.items()]
        )


class FakeSmsGateway:
    """An SMS gateway on 127.0.0.1 that keeps what it receives; answers with
    ``reply`` ({"code": "OK"} by default)."""

    def __init__(self, reply=None):
        self.received = []
        self.reply = reply or {"code": "OK"}
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                gateway.received.append(json.loads(self.rfile.read(length)))
                body = json.dumps(gateway.reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
