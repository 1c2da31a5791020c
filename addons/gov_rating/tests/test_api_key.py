from odoo.exceptions import AccessError

from .common import GovRatingCase


def key_of(action):
    """The key a generation shows once, at the end of its notification."""
    return action["params"]["message"].rsplit(" ", 1)[1]


class TestApiKeyMixin(GovRatingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.Tester,) = cls._load_fake_models(".api_key_tester", "GovApiKeyTester")

    def test_key_shown_once_kept_hashed_found_by_prefix(self):
        one, two = self.Tester.create([{"name": "one"}, {"name": "two"}])
        self.assertFalse(one.has_api_key)
        key = key_of(one.action_generate_api_key())
        other_key = key_of(two.action_generate_api_key())
        self.assertTrue(one.has_api_key)
        stored = one.sudo().read(["api_key_prefix", "api_key_hash"])[0]
        self.assertNotIn(key, str(stored))
        self.assertEqual(stored["api_key_hash"][:8], stored["api_key_prefix"])
        self.assertTrue(self.Tester._fields["api_key_prefix"].index)
        self.assertEqual(self.Tester._find_by_api_key(key), one)
        self.assertEqual(self.Tester._find_by_api_key(other_key), two)
        for wrong in ("", None, 42, key[:-1] + "?", key + "x", "钥匙" * 15, "é" * 43):
            self.assertFalse(self.Tester._find_by_api_key(wrong), wrong)
        # A new key replaces the old one.
        new_key = key_of(one.action_generate_api_key())
        self.assertFalse(self.Tester._find_by_api_key(key))
        self.assertEqual(self.Tester._find_by_api_key(new_key), one)
        # An archived record's key is refused.
        one.active = False
        self.assertFalse(self.Tester._find_by_api_key(new_key))

    def test_only_a_manager_generates_keys(self):
        device = self.env["gov.device"].create(
            {"name": "评价器", "code": "KEY-1", "hall_id": self.hall.id}
        )
        for user in (self.user_clerk, self.user_supervisor):
            with self.assertRaises(AccessError):
                device.with_user(user).action_generate_api_key()
        self.assertFalse(device.has_api_key)
        key = key_of(device.with_user(self.user_manager).action_generate_api_key())
        self.assertEqual(self.env["gov.device"]._find_by_api_key(key), device)
        platform = self.env["gov.platform"].create({"name": "系统", "code": "KEY-P"})
        with self.assertRaises(AccessError):
            platform.with_user(self.user_clerk).action_generate_api_key()
        # Nobody but the system reads the digest.
        with self.assertRaises(AccessError):
            device.with_user(self.user_manager).read(["api_key_hash"])
