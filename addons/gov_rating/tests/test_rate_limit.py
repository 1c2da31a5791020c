from odoo.tests import tagged

from ..public import GovPublicError
from .common import GovRatingCase


@tagged("post_install", "-at_install")
class TestRateLimitKeys(GovRatingCase):
    """Limits that do not punish the honest: a device by its key, a hall's shared
    network with the hall-sized limit, an IPv6 address by its /64."""

    def setUp(self):
        super().setUp()
        self.params.set_param("gov_rating.limit_ip_per_hour", 1)
        self.limit = self.env["gov.rate.limit"].sudo()

    def test_device_ratings_do_not_use_up_the_hall_address(self):
        device = self.env["gov.device"].create(
            {
                "name": "评价器",
                "code": "T-LIM-1",
                "hall_id": self.hall.id,
                "window_id": self.window.id,
                "response_interval": 0,
            }
        )
        Public = self.env["gov.public.rating"]
        for _i in range(3):
            Public._rate(
                {"level": "5", "channel": "device", "window_id": self.window.id},
                ip_address="10.6.6.6",
                device=device,
            )
        # A citizen on the same address still rates once.
        self.limit._hit("ip", "10.6.6.6")
        with self.assertRaises(GovPublicError):
            self.limit._hit("ip", "10.6.6.6")

    def test_shared_network_gets_the_hall_limit(self):
        self.params.set_param("gov_rating.limit_shared_network_per_hour", 3)
        self.env["gov.shared.network"].create(
            {"network": "202.96.2.0/28", "hall_id": self.hall.id}
        )
        for n in range(3):
            self.limit._hit("ip", f"202.96.2.{n + 1}")
        with self.assertRaisesRegex(GovPublicError, "hall's network"):
            self.limit._hit("ip", "202.96.2.9")
        self.limit._hit("ip", "202.96.2.99")  # outside the range

    def test_ipv6_counted_per_64(self):
        self.limit._hit("ip", "240e:5:6:7::1")
        with self.assertRaises(GovPublicError):
            self.limit._hit("ip", "240e:5:6:7:aaaa::2")
        self.limit._hit("ip", "240e:5:6:8::1")
