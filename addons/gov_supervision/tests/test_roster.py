import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.gov_rating.public import GovPublicError
from odoo.addons.gov_rating.tests.common import ID_OTHER, GovRatingCase

PRIVATE_PHONE = "13911112222"
PRIVATE_EMAIL = "zhangsan.home@example.com"


class RosterCase(GovRatingCase):
    """Two officials and a unit of the test county on the public roster."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff.write(
            {
                "job_title": "登记科科长",
                "private_phone": PRIVATE_PHONE,
                "identification_id": ID_OTHER,
                "private_email": PRIVATE_EMAIL,
                "private_street": "幸福路88号",
            }
        )
        cls.staff2.job_title = "隐藏职务副科长"
        Entry = cls.env["gov.roster.entry"]
        cls.entry = Entry.create(
            {
                "employee_id": cls.staff.id,
                "responsibilities": "负责企业设立登记",
                "is_published": True,
            }
        )
        cls.entry2 = Entry.create(
            {
                "employee_id": cls.staff2.id,
                "responsibilities": "不公开的分工说明",
                "publish_post": False,
                "publish_responsibilities": False,
                "publish_name": False,
                "is_published": True,
            }
        )
        cls.hidden = Entry.create({"employee_id": cls.staff3.id})
        cls.other_unit = Entry.create(
            {
                "entry_type": "unit",
                "department_id": cls.other_dept.id,
                "responsibilities": "户籍管理",
                "is_published": True,
            }
        )
        cls.unit = Entry.create(
            {
                "entry_type": "unit",
                "department_id": cls.subdept.id,
                "responsibilities": "登记科负责全县市场主体登记",
                "is_published": True,
            }
        )

    def roster_ratings(self, staff=None):
        return self.env["gov.evaluation"].search(
            [("channel", "=", "roster"), ("employee_id", "=", (staff or self.staff).id)]
        )

    def bad_review_count(self, staff):
        """The 不满意 count of the warnings: valid ratings of the person at 1-2."""
        [[count]] = self.env["gov.evaluation"]._read_group(
            self.env["gov.evaluation"]._gov_statistics_domain()
            + [("employee_id", "=", staff.id), ("level", "in", ("1", "2"))],
            [],
            ["__count"],
        )
        return count


@tagged("post_install", "-at_install")
class TestRosterPage(RosterCase, HttpCase):
    def form_token(self, entry):
        response = self.url_open(f"/gov/roster/{entry.id}")
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def rate(self, entry, **values):
        data = {
            "csrf_token": self.form_token(entry),
            "attitude": "4",
            "efficiency": "3",
            "conduct": "2",
            "reason": "窗口办事拖延，态度一般",
            **values,
        }
        return self.url_open(f"/gov/roster/{entry.id}/rate", data=data)

    def test_page_shows_only_published_fields(self):
        html = self.url_open(f"/gov/roster?unit={self.subdept.id}").text
        for shown in ("张三", "登记科科长", "负责企业设立登记", "登记科负责全县"):
            self.assertIn(shown, html)
        # Name masked, post and duties unpublished, unpublished entry absent.
        self.assertIn("李*", html)
        for hidden in ("李四", "隐藏职务副科长", "不公开的分工说明", "王五"):
            self.assertNotIn(hidden, html)
        # Private data never: phone, mobile, ID number, e-mail, address.
        for private in (
            PRIVATE_PHONE,
            "13900000001",
            ID_OTHER,
            PRIVATE_EMAIL,
            "幸福路88号",
        ):
            self.assertNotIn(private, html)
        # The unit filter: another unit's page does not list 张三.
        other = self.url_open(f"/gov/roster?unit={self.other_dept.id}").text
        self.assertIn("户籍管理", other)
        self.assertNotIn("负责企业设立登记", other)

    def test_demo_officials_private_data_never_shown(self):
        entries = self.env["gov.roster.entry"].search([("is_published", "=", True)])
        private = {
            value
            for value in entries.employee_id.mapped("private_phone")
            + entries.employee_id.mapped("identification_id")
            + entries.employee_id.mapped("mobile_phone")
            + entries.employee_id.mapped("private_email")
            if value
        }
        self.assertTrue(private)
        pages = [f"/gov/roster?unit={unit.id}" for unit in entries.department_id]
        pages += ["/gov/roster", "/gov/roster?page=2"]
        pages += [f"/gov/roster/{e.id}" for e in entries.filtered("employee_id")]
        for url in pages:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            leaked = [value for value in private if value in response.text]
            self.assertFalse(leaked, f"{url} shows private data")

    def test_pages_of_twelve(self):
        dept = self.env["hr.department"].create({"name": "分页测试局"})
        people = self.env["hr.employee"].create(
            [{"name": f"分页{n:02d}号", "department_id": dept.id} for n in range(13)]
        )
        self.env["gov.roster.entry"].create(
            [
                {"employee_id": p.id, "is_published": True, "sequence": n}
                for n, p in enumerate(people)
            ]
        )
        first = self.url_open(f"/gov/roster?unit={dept.id}").text
        second = self.url_open(f"/gov/roster?unit={dept.id}&page=2").text
        self.assertIn("分页00号", first)
        self.assertNotIn("分页12号", first)
        self.assertIn("分页12号", second)
        self.assertNotIn("分页00号", second)
        # Hostile paging and filters fall back to the first page of all units.
        for url in ("/gov/roster?page=-3&unit=x", "/gov/roster?page=99999999999"):
            self.assertEqual(self.url_open(url).status_code, 200)

    def test_anonymous_rating_counts_as_bad_review_and_moves_the_index(self):
        self.assertEqual(self.staff.gov_index, 10.0)
        bad_before = self.bad_review_count(self.staff)
        response = self.rate(self.entry)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you", response.text)
        rating = self.roster_ratings()
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.channel, "roster")
        self.assertTrue(rating.anonymous)
        self.assertEqual(rating.level, "2", "the lowest of the three dimensions")
        self.assertEqual(rating.validity, "valid")
        self.assertEqual(rating.comment, "窗口办事拖延，态度一般")
        self.assertEqual(rating.department_id, self.subdept)
        self.assertEqual(
            {(d.dimension, d.level) for d in rating.dimension_ids},
            {("attitude", "4"), ("efficiency", "3"), ("conduct", "2")},
        )
        self.assertFalse(rating.evaluator_phone)
        self.assertEqual(rating.ip_address, "127.0.0.1")
        self.assertEqual(self.bad_review_count(self.staff), bad_before + 1)
        self.staff.invalidate_recordset(["gov_index"])
        self.assertLess(self.staff.gov_index, 10.0)
        self.assertEqual(self.staff.gov_rating_count, 1)

    def test_named_rating_keeps_a_validated_identity(self):
        response = self.rate(
            self.entry,
            attitude="5",
            efficiency="5",
            conduct="4",
            identity="named",
            name="赵 六",
            phone="+86 138-1234-5678",
        )
        self.assertEqual(response.status_code, 200)
        rating = self.roster_ratings()
        self.assertEqual(rating.level, "4")
        self.assertFalse(rating.anonymous)
        self.assertEqual(rating.evaluator_phone, "13812345678")
        self.assertEqual(rating.evaluator_name, "赵 六")
        self.assertFalse(rating.is_bad)

    def test_one_rating_per_official_ip_and_day(self):
        self.assertEqual(self.rate(self.entry).status_code, 200)
        again = self.rate(self.entry, attitude="1")
        self.assertEqual(again.status_code, 429)
        self.assertIn("already today", again.text)
        self.assertEqual(len(self.roster_ratings()), 1)
        # Another official from the same address is fine.
        self.assertEqual(self.rate(self.entry2).status_code, 200)
        self.assertEqual(len(self.roster_ratings(self.staff2)), 1)

    @mute_logger("odoo.http", "werkzeug")
    def test_hostile_input_gets_4xx_and_stores_nothing(self):
        Evaluation = self.env["gov.evaluation"]
        before = Evaluation.search_count([])
        bad_forms = [
            {"attitude": ""},
            {"efficiency": "9"},
            {"conduct": "1; DROP TABLE gov_evaluation"},
            {"attitude": "0"},
            {"reason": "   "},
            {"reason": "长" * 1001},
            {"identity": "named", "name": "赵六", "phone": ""},
            {"identity": "named", "name": "赵六", "phone": "12345"},
            {"identity": "named", "name": "", "phone": "13812345678"},
            {"identity": "named", "name": "名" * 31, "phone": "13812345678"},
        ]
        for values in bad_forms:
            response = self.rate(self.entry, **values)
            self.assertEqual(response.status_code, 400, values)
            self.assertIn("o_gov_roster_error", response.text)
        for url in (
            f"/gov/roster/{self.hidden.id}",
            f"/gov/roster/{self.unit.id}",
            "/gov/roster/99999999999",
            f"/gov/roster/{self.entry.id}/photo",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        token = self.form_token(self.entry)
        for entry_id in (self.hidden.id, self.unit.id, 2147483647):
            response = self.url_open(
                f"/gov/roster/{entry_id}/rate",
                data={"csrf_token": token, "attitude": "1", "efficiency": "1"},
            )
            self.assertEqual(response.status_code, 404)
        # GET never writes, a POST needs the CSRF token.
        self.assertEqual(
            self.url_open(f"/gov/roster/{self.entry.id}/rate").status_code, 405
        )
        no_token = self.url_open(
            f"/gov/roster/{self.entry.id}/rate",
            data={"attitude": "1", "efficiency": "1", "conduct": "1", "reason": "x"},
        )
        self.assertEqual(no_token.status_code, 400)
        self.assertEqual(Evaluation.search_count([]), before)

    def test_published_photo_only(self):
        png = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
            "hKmMIQAAAABJRU5ErkJggg=="
        )
        self.entry.photo = png
        self.assertEqual(
            self.url_open(f"/gov/roster/{self.entry.id}/photo").status_code, 404
        )
        self.assertNotIn(
            f"/gov/roster/{self.entry.id}/photo",
            self.url_open(f"/gov/roster?unit={self.subdept.id}").text,
        )
        self.entry.publish_photo = True
        response = self.url_open(f"/gov/roster/{self.entry.id}/photo")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("image/"))


class TestRosterRateLimit(RosterCase):
    def test_rating_beyond_the_limit_is_refused_by_the_rate_limit(self):
        public = self.env.ref("base.public_user")
        entry = self.entry.with_user(public)
        form = {"attitude": "4", "efficiency": "4", "conduct": "4", "reason": "好"}
        entry._roster_rate(form, "198.51.100.20")
        with self.assertRaises(GovPublicError) as refused:
            entry._roster_rate(form, "198.51.100.20")
        self.assertEqual(refused.exception.status, 429)
        self.assertIn("already today", refused.exception.args[0])
        # The same phone from another address is refused too.
        named = dict(form, identity="named", name="赵六", phone="13812345678")
        entry._roster_rate(named, "198.51.100.21")
        with self.assertRaises(GovPublicError) as refused:
            entry._roster_rate(named, "198.51.100.22")
        self.assertEqual(refused.exception.status, 429)
        # Bad input is refused with the status of bad input of the page.
        with self.assertRaises(GovPublicError) as refused:
            entry._roster_rate(dict(form, reason=""), "198.51.100.23")
        self.assertEqual(refused.exception.status_or(400), 400)
        self.assertEqual(len(self.roster_ratings()), 2)
