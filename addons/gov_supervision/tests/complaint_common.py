import re

from odoo.addons.gov_rectify.tests.common import RectifyCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY_RE = re.compile(r'name="submission_key" value="([0-9a-f]{32})"')
CODE_RE = re.compile(r'o_gov_complaint_code">([A-Z0-9]{12})<')
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ComplaintCase(RectifyCase):
    """The rectification fixtures, plus helpers to use the public complaint desk
    over real HTTP and three portal users appointed as monitors (but the third)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "gov_rectify.complaint_limit_per_hour", 5
        )
        cls.dept_a.manager_id = cls.env["hr.employee"].search(
            [("user_id", "=", cls.handler.id)]
        )

        def portal_user(login):
            return cls._user(
                login,
                "base.group_portal",
                name=f"监测员 {login}",
                password=f"{login}-pass",
            )

        cls.mon_user1 = portal_user("cp_mon1")
        cls.mon_user2 = portal_user("cp_mon2")
        cls.outsider = portal_user("cp_outsider")
        Monitor = cls.env["gov.monitor"]
        cls.monitor1 = Monitor.create({"user_id": cls.mon_user1.id})
        cls.monitor2 = Monitor.create({"user_id": cls.mon_user2.id})

    def _form_tokens(self, url="/gov/complaint"):
        page = self.url_open(url).text
        key = KEY_RE.search(page)
        return CSRF_RE.search(page).group(1), key and key.group(1)

    def _complaint_post(self, files=None, csrf=True, **fields):
        token, key = self._form_tokens()
        data = {
            "subject": "窗口人员态度恶劣",
            "department_id": str(self.dept_a.id),
            "official_name": "周敏",
            "description": "办理营业执照时窗口人员不耐烦，多次打断我说话。",
            "contact_name": "赵丽",
            "contact_phone": "13800138000",
            "submission_key": key,
        }
        if csrf:
            data["csrf_token"] = token
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        return self.url_open(
            "/gov/complaint/submit",
            data=data,
            files=[("attachments", f) for f in (files or [])] or None,
        )

    def _track(self, code):
        token, _key = self._form_tokens("/gov/complaint/track")
        return self.url_open(
            "/gov/complaint/track", data={"code": code, "csrf_token": token}
        )

    def _counts(self):
        return (
            self.env["gov.complaint"].search_count([]),
            self.env["gov.rectify.order"].search_count([]),
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "gov.rectify.order")]
            ),
        )
