from odoo.exceptions import AccessError

from .common import GovRatingCase, scanned_qr


class TestQrMixin(GovRatingCase):
    """The QR code on its own: a URL with the record's token, the PNG a phone
    scans, and a new code that revokes the printed one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.Tester,) = cls._load_fake_models(
            ".qr_tester",
            "GovQrTester",
            access={
                "gov_rating.group_gov_supervisor": "r",
                "gov_rating.group_gov_manager": "rw",
            },
        )
        cls.card = cls.Tester.create({"name": "测试柜台"})

    def _scanned(self, record):
        texts = scanned_qr(record.gov_qr_image)
        self.assertEqual(len(texts), 1, "the image holds one QR code")
        return texts[0]

    def test_code_points_to_the_record_token(self):
        card = self.card.with_user(self.user_supervisor)
        token = card.gov_qr_token
        self.assertTrue(token.startswith("T"), "the prefix tells the kind of object")
        self.assertGreaterEqual(len(token), 22)
        self.assertEqual(card.gov_qr_url, f"{card.get_base_url()}/gov/r/{token}")
        self.assertTrue(card.gov_qr_url.isascii())
        self.assertEqual(self._scanned(card), card.gov_qr_url)
        self.assertEqual(self.env["gov.qr.mixin"]._gov_qr_find(token), self.card)
        other = self.Tester.create({"name": "另一柜台"})
        self.assertNotEqual(other.gov_qr_token, token)

    def test_new_code_revokes_the_old(self):
        Mixin = self.env["gov.qr.mixin"]
        old = self.card.gov_qr_token
        with self.assertRaises(AccessError):
            self.card.with_user(self.user_supervisor).action_regenerate_qr()
        self.assertEqual(Mixin._gov_qr_find(old), self.card)
        self.card.with_user(self.user_manager).action_regenerate_qr()
        new = self.card.gov_qr_token
        self.assertNotEqual(new, old)
        self.assertIsNone(Mixin._gov_qr_find(old), "the printed code stops working")
        self.assertEqual(Mixin._gov_qr_find(new), self.card)
        self.assertTrue(self._scanned(self.card).endswith("/gov/r/" + new))
