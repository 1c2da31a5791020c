from odoo.tests import tagged

from .channels_common import GovChannelsFixture
from .common import GovRatingCase, scanned_qr


@tagged("post_install", "-at_install")
class TestQr(GovRatingCase, GovChannelsFixture):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_channels()

    def _decode(self, record):
        texts = scanned_qr(record.gov_qr_image)
        self.assertEqual(len(texts), 1, "the image holds one QR code")
        return texts[0]

    def test_every_object_has_its_own_unguessable_code(self):
        objects = [self.seat, self.window, self.hall, self.staff_a, self.staff_b]
        tokens = [o.gov_qr_token for o in objects]
        self.assertEqual(len(set(tokens)), len(tokens))
        for record, prefix in zip(objects, "SWHEE", strict=True):
            self.assertTrue(record.gov_qr_token.startswith(prefix))
            self.assertGreaterEqual(len(record.gov_qr_token), 22)
            self.assertTrue(record.gov_qr_url.isascii())
            self.assertTrue(record.gov_qr_url.endswith("/gov/r/" + record.gov_qr_token))
        admin_employee = self.env.ref("hr.employee_admin")
        self.assertTrue(admin_employee.gov_qr_token, "employees made before got one")

    def test_qr_image_holds_the_url(self):
        for record in (self.seat, self.window, self.hall, self.staff_a):
            self.assertEqual(self._decode(record), record.gov_qr_url)

    def test_regenerating_revokes_the_old_code(self):
        Mixin = self.env["gov.qr.mixin"]
        old = self.seat.gov_qr_token
        self.assertEqual(Mixin._gov_qr_find(old), self.seat)
        self.seat.action_regenerate_qr()
        self.assertNotEqual(self.seat.gov_qr_token, old)
        self.assertIsNone(Mixin._gov_qr_find(old))
        self.assertEqual(Mixin._gov_qr_find(self.seat.gov_qr_token), self.seat)
        self.assertEqual(self._decode(self.seat), self.seat.gov_qr_url)

    def test_hostile_tokens_find_nothing(self):
        Mixin = self.env["gov.qr.mixin"]
        for token in (None, "", "S", "S" * 500, "X" + self.seat.gov_qr_token[1:], 42):
            self.assertIsNone(Mixin._gov_qr_find(token))

    def test_counter_cards_render_chinese(self):
        for kind in ("a6", "sheet"):
            report = self.env.ref(f"gov_rating.action_report_qr_{kind}_window")
            html = report._render_qweb_html(report, self.window.ids)[0]
            text = html.decode()
            self.assertIn("市场监管窗口", text)
            self.assertIn("观山湖区政务服务中心", text)
            self.assertIn("data:image/png;base64,", text)
