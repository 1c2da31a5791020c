from stdnum.cn import ric, uscc

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .. import tools
from .common import ID_PERSON, GovRatingCase

PHONE = "13812345678"


@tagged("post_install", "-at_install")
class TestIdentity(GovRatingCase):
    """Who rated is logged whenever read, refused to searches of those who may not
    read it, and never shown to the staff member rated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rated = cls.rate(
            1,
            evaluator_name="赵六",
            evaluator_cert=ID_PERSON,
            evaluator_phone=PHONE,
            comment="赵六留言：请回电 138 1234 5678",
        )
        # A handler who is an identity reader and is rated himself.
        cls.user_rated_reader = new_test_user(
            cls.env,
            "t_rated_reader",
            groups="gov_rating.group_gov_handler,gov_rating.group_gov_identity,"
            "base.group_allow_export",
        )
        cls.rated_reader = cls.env["hr.employee"].create(
            {
                "name": "赵主任",
                "department_id": cls.subdept.id,
                "gov_window_id": cls.window.id,
                "user_id": cls.user_rated_reader.id,
            }
        )
        cls.about_reader = cls.rate(
            2,
            staff=cls.rated_reader,
            evaluator_name="钱八",
            evaluator_phone="13900001111",
        )
        cls.user_identity.groups_id += cls.env.ref("base.group_allow_export")
        cls.user_handler.groups_id += cls.env.ref("base.group_allow_export")
        cls.Log = cls.env["gov.identity.access.log"]

    def _logged(self, user, record, model="gov.evaluation"):
        return self.Log.search(
            [("user_id", "=", user.id), ("res_model", "=", model)]
        ).filtered(lambda log: log.res_id == record.id)

    def test_id_numbers_checked_as_stdnum_checks_them(self):
        """The kind of a number is what python-stdnum says of it, whether the
        number comes compact (as stored) or as the citizen typed it."""
        body = ID_PERSON[:-1]

        def with_check_digit(first17):
            return first17 + ric.calc_check_digit(first17 + "0")

        wrong = str((int(ID_PERSON[-1]) + 1) % 10) if ID_PERSON[-1] != "X" else "0"
        numbers = [
            ID_PERSON,
            ID_PERSON.lower(),
            " ".join([ID_PERSON[:6], ID_PERSON[6:14], ID_PERSON[14:]]),
            ID_PERSON.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            body + wrong,
            with_check_digit("999999" + body[6:]),  # no such birth place
            with_check_digit(body[:10] + "1340" + body[14:]),  # 40 January
            ID_PERSON[:-1],
            "91350100M000100Y43",  # a credit code
            "",
        ]
        for number in numbers:
            expected = (
                "person"
                if ric.is_valid(number)
                else "company"
                if uscc.is_valid(number)
                else False
            )
            self.assertEqual(tools.cert_kind(number), expected, number)

    def test_masking_of_numbers_in_free_text(self):
        for text, expected in (
            ("电话13812345678。", "电话138****5678。"),
            ("电话 138 1234 5678", "电话 138****5678"),
            ("电话138-1234-5678", "电话138****5678"),
            ("电话１３８１２３４５６７８", "电话138****5678"),
            ("身份证11010519491231002X", "身份证1101**********002X"),
            ("身份证 110105 19491231 002X", "身份证 1101**********002X"),
            ("身份证110105-19491231-002x", "身份证1101**********002X"),
            ("身份证１１０１０５１９４９１２３１００２Ｘ", "身份证1101**********002X"),
            ("赵六说等了一个小时", "赵*说等了一个小时"),
            ("排队12号，等了30分钟", "排队12号，等了30分钟"),
        ):
            self.assertEqual(tools.mask_text(text, ["赵六"]), expected)

    def test_reader_search_read_read_group_and_export_are_logged(self):
        Evaluation = self.env["gov.evaluation"].with_user(self.user_identity)
        [values] = Evaluation.search_read(
            [("id", "=", self.rated.id)], ["evaluator_phone"]
        )
        self.assertEqual(values["evaluator_phone"], PHONE)
        self.assertEqual(len(self._logged(self.user_identity, self.rated)), 1)
        groups = Evaluation.read_group(
            [("id", "in", self.rated.ids)], ["__count"], ["evaluator_phone"]
        )
        self.assertEqual(groups[0]["evaluator_phone"], PHONE)
        self.assertEqual(len(self._logged(self.user_identity, self.rated)), 2)
        rows = self.rated.with_user(self.user_identity).export_data(
            ["name", "evaluator_cert", "comment"]
        )["datas"]
        self.assertEqual(rows[0][1], ID_PERSON)
        self.assertIn("138 1234 5678", rows[0][2], "readers export the full text")
        self.assertEqual(len(self._logged(self.user_identity, self.rated)), 3)

    def test_non_readers_cannot_search_group_or_sort_by_identity(self):
        Evaluation = self.env["gov.evaluation"].with_user(self.user_handler)
        with self.assertRaises(AccessError):
            Evaluation.search([("evaluator_phone", "=", PHONE)])
        with self.assertRaises(AccessError):
            Evaluation.search([("evaluator_cert", "ilike", ID_PERSON[:6])])
        with self.assertRaises(AccessError):
            Evaluation.search([], order="evaluator_phone")
        with self.assertRaises(AccessError):
            Evaluation.read_group([], ["__count"], ["evaluator_name"])
        with self.assertRaises(AccessError):
            self.env["gov.case"].with_user(self.user_handler).search(
                [("applicant_phone", "=", PHONE)]
            )

    def test_non_readers_export_masked_comments(self):
        rows = self.rated.with_user(self.user_handler).export_data(
            ["name", "comment", "evaluator_masked"]
        )["datas"]
        self.assertEqual(rows[0][1], "赵*留言：请回电 138****5678")
        self.assertEqual(rows[0][2], "赵* 138****5678 1101**********002X")
        self.assertFalse(self._logged(self.user_handler, self.rated))

    def test_rated_staff_see_no_identity_at_all(self):
        as_rated = self.about_reader.with_user(self.user_rated_reader)
        [values] = as_rated.read(
            ["evaluator_name", "evaluator_phone", "evaluator_masked"]
        )
        self.assertFalse(values["evaluator_name"])
        self.assertFalse(values["evaluator_phone"])
        self.assertFalse(values["evaluator_masked"], "not even the masked form")
        [values] = as_rated.web_read({"evaluator_masked": {}, "level": {}})
        self.assertFalse(values["evaluator_masked"])
        self.assertEqual(values["level"], "2")
        rows = as_rated.export_data(["evaluator_phone", "evaluator_masked"])["datas"]
        self.assertEqual(rows, [["", ""]])
        # Nor by searching or grouping on who rated.
        Evaluation = self.env["gov.evaluation"].with_user(self.user_rated_reader)
        self.assertFalse(Evaluation.search([("evaluator_phone", "=", "13900001111")]))
        groups = Evaluation.read_group(
            [("id", "=", self.about_reader.id)], ["__count"], ["evaluator_phone"]
        )
        self.assertFalse(groups)
        # The other ratings of the department show the masked identity as before.
        [values] = self.rated.with_user(self.user_rated_reader).read(
            ["evaluator_masked"]
        )
        self.assertEqual(
            values["evaluator_masked"], "赵* 138****5678 1101**********002X"
        )

    def test_rated_clerk_reads_no_identity(self):
        as_clerk = self.rated.with_user(self.user_clerk)
        self.assertEqual(as_clerk.read(["level"])[0]["level"], "1")
        for field in ("evaluator_name", "evaluator_phone", "evaluator_masked"):
            with self.assertRaises(AccessError):
                as_clerk.read([field])
        with self.assertRaises(AccessError):
            self.env["gov.evaluation"].with_user(self.user_clerk).search(
                [("evaluator_phone", "=", PHONE)]
            )

    def test_suggestion_contacts_are_identities(self):
        suggestion = (
            self.env["gov.suggestion"]
            .with_user(self.user_identity)
            .create(
                {
                    "subject": "叫号屏",
                    "content": "请回电 138-1234-5678",
                    "window_id": self.window.id,
                    "contact_name": "孙九",
                    "contact_phone": PHONE,
                }
            )
        )
        as_handler = suggestion.with_user(self.user_handler)
        self.assertEqual(as_handler.contact_masked, "孙* 138****5678")
        with self.assertRaises(AccessError):
            as_handler.read(["contact_phone"])
        with self.assertRaises(AccessError):
            self.env["gov.suggestion"].with_user(self.user_handler).search(
                [("contact_phone", "=", PHONE)]
            )
        rows = as_handler.export_data(["content"])["datas"]
        self.assertEqual(rows, [["请回电 138****5678"]])
        suggestion.with_user(self.user_identity).read(["contact_phone"])
        self.assertTrue(self._logged(self.user_identity, suggestion, "gov.suggestion"))
