from odoo.exceptions import AccessError

from .common import GovRatingCase


class TestIdentityMixin(GovRatingCase):
    """The identity on its own: masked for those who may not read it, logged when
    read, hidden from the staff member the record is about."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.Tester,) = cls._load_fake_models(
            ".identity_tester",
            "GovIdentityTester",
            access={"gov_rating.group_gov_clerk": "r"},
        )
        cls.record = cls.Tester.create(
            {
                "employee_id": cls.staff.id,
                "citizen_name": "赵六",
                "citizen_phone": "13812345678",
            }
        )
        cls.user_clerk.groups_id += cls.env.ref("gov_rating.group_gov_identity")

    def _logs(self, user):
        return self.env["gov.identity.access.log"].search(
            [
                ("user_id", "=", user.id),
                ("res_model", "=", self.Tester._name),
                ("res_id", "=", self.record.id),
            ]
        )

    def test_non_reader_gets_masked_values(self):
        record = self.record.with_user(self.user_supervisor)
        self.assertEqual(
            record.read(["citizen_masked"])[0]["citizen_masked"], "赵* 138****5678"
        )
        with self.assertRaises(AccessError):
            record.read(["citizen_phone"])
        with self.assertRaises(AccessError):
            self.Tester.with_user(self.user_supervisor).search(
                [("citizen_phone", "=", "13812345678")]
            )
        self.assertFalse(self._logs(self.user_supervisor))

    def test_reader_read_is_logged(self):
        values = self.record.with_user(self.user_identity).read(
            ["citizen_name", "citizen_phone"]
        )[0]
        self.assertEqual(values["citizen_phone"], "13812345678")
        log = self._logs(self.user_identity)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.field_names, "citizen_name, citizen_phone")

    def test_staff_concerned_sees_nothing(self):
        """张三 reads identities, but not on a record about himself."""
        values = self.record.with_user(self.user_clerk).read(
            ["citizen_phone", "citizen_masked"]
        )[0]
        self.assertFalse(values["citizen_phone"] or values["citizen_masked"])
        self.assertFalse(self._logs(self.user_clerk))
