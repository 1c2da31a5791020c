import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from ..public import GovPublicError
from .common import GovRatingCase

PHONE = "13966660000"
THREADS = 16


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
                "device",
                {"level": "5", "window_id": self.window.id},
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

    def test_refused_at_exactly_the_limit(self):
        self.params.set_param("gov_rating.limit_phone_per_day", 3)
        self.limit._hit("phone", "13911112222", count=False)
        for _n in range(3):
            self.limit._hit("phone", "13911112222")
        with self.assertRaisesRegex(GovPublicError, "phone"):
            self.limit._hit("phone", "13911112222", count=False)
        with self.assertRaisesRegex(GovPublicError, "phone"):
            self.limit._hit("phone", "13911112222")
        self.limit._hit("phone", "13911113333")


@tagged("post_install", "-at_install")
class TestRateLimitConcurrency(BaseCase):
    """Citizens of one source submitting at the same moment, each in their own
    transaction (retried on a serialization failure, as Odoo retries a request):
    exactly the limit is counted, the others are refused. The counters are
    committed, then removed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_counters)

    @classmethod
    def _remove_counters(cls):
        with cls.registry.cursor() as cr:
            cr.execute("DELETE FROM gov_rate_limit WHERE key = %s", [cls._key()])

    @classmethod
    def _key(cls):
        return hashlib.sha256(f"phone:{PHONE}".encode()).hexdigest()

    def _submit(self, barrier):
        for attempt in range(20):
            try:
                with self.registry.cursor() as cr:
                    cr.transaction = Transaction(self.registry)
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    # A request has read before it counts: its snapshot is taken.
                    env["ir.config_parameter"].get_param("web.base.url")
                    if not attempt:
                        barrier.wait(timeout=60)
                    env["gov.rate.limit"]._hit("phone", PHONE)
                return "counted"
            except GovPublicError:
                return "refused"
            except psycopg2.errors.SerializationFailure:
                continue
        return "gave up"

    def test_simultaneous_submissions_stop_at_the_limit(self):
        barrier = threading.Barrier(THREADS)
        # The insert of a place drawn twice fails (and is retried): logged by sql_db.
        with mute_logger("odoo.sql_db"), ThreadPoolExecutor(THREADS) as executor:
            futures = [executor.submit(self._submit, barrier) for __ in range(THREADS)]
            results = sorted(future.result(timeout=120) for future in futures)
        limit = 10  # gov_rating.limit_phone_per_day, default
        self.assertEqual(results, ["counted"] * limit + ["refused"] * (THREADS - limit))
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT slot), max(slot) FROM gov_rate_limit "
                "WHERE key = %s",
                [self._key()],
            )
            count, distinct, highest = cr.fetchone()
        self.assertEqual((count, distinct), (limit, limit))
        self.assertLessEqual(highest, limit)
