import base64
import io
import re

import zxingcpp
from PIL import Image

from odoo.tests import tagged

from .channels_common import GovHttpCase

PNG_RE = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


@tagged("post_install", "-at_install")
class TestQrCards(GovHttpCase):
    """The supervisor prints the counter cards: each card's code opens the rating
    page of the object printed on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.objects = {
            "seat": cls.seat,
            "window": cls.window,
            "hall": cls.hall,
            "employee": cls.staff_a,
        }

    def _printed_codes(self, report_xmlid, record):
        """The texts of the QR codes on the card printed from ``record``'s form."""
        report = self.env.ref(report_xmlid)
        response = self.url_open(f"/report/html/{report.report_name}/{record.id}")
        self.assertEqual(response.status_code, 200)
        codes = []
        for png in PNG_RE.findall(response.text):
            image = Image.open(io.BytesIO(base64.b64decode(png)))
            codes += [result.text for result in zxingcpp.read_barcodes(image)]
        return codes

    def test_each_card_holds_its_own_objects_code(self):
        self.authenticate("supervisor", "supervisor")
        for kind in ("a6", "sheet"):
            for name, record in self.objects.items():
                with self.subTest(kind=kind, object=name):
                    codes = self._printed_codes(
                        f"gov_rating.action_report_qr_{kind}_{name}", record
                    )
                    self.assertEqual(codes, [record.gov_qr_url])

    def test_a_hall_prints_all_its_cards_at_once(self):
        self.authenticate("supervisor", "supervisor")
        codes = self._printed_codes("gov_rating.action_report_qr_hall_all", self.hall)
        expected = [
            self.hall.gov_qr_url,
            self.window.gov_qr_url,
            self.seat.gov_qr_url,
            self.staff_a.gov_qr_url,
            self.staff_b.gov_qr_url,
        ]
        self.assertEqual(sorted(codes), sorted(expected))
        self.assertEqual(codes[0], self.hall.gov_qr_url)
