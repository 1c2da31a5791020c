from datetime import date, datetime

from stdnum.cn import ric, uscc

from odoo.addons.gov_rating.tests.common import GovWorld, give_ratings

# Who rated: none of this may ever reach a public page.
EVALUATOR_NAME = "欧阳测评"
EVALUATOR_PHONE = "13987654321"
EVALUATOR_CERT_BODY = "53010219800101123"
EVALUATOR_CERT = EVALUATOR_CERT_BODY + ric.calc_check_digit(EVALUATOR_CERT_BODY + "0")
PERIOD_START = date(2024, 3, 1)
PERIOD_END = date(2024, 3, 31)


def credit_code(serial):
    body = f"11530100{serial:09d}"
    return body + uscc.calc_check_digit(body)


class GovPublishCase(GovWorld):
    """The world and a small known city: two counties, two departments, two
    halls, a window and a staff member in each, two items, and ratings in March
    2024: the first department's are all very satisfied, the second's bad or
    middling."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Region = env["gov.region"]
        cls.city = Region.create({"name": "测试市", "code": "530100", "level": "city"})
        cls.county_a = Region.create(
            {
                "name": "甲区",
                "code": "530102",
                "level": "county",
                "parent_id": cls.city.id,
            }
        )
        cls.county_b = Region.create(
            {
                "name": "乙区",
                "code": "530103",
                "level": "county",
                "parent_id": cls.city.id,
            }
        )
        Department = env["hr.department"]
        cls.dept_good = Department.create(
            {
                "name": "测试甲局",
                "gov_region_id": cls.city.id,
                "gov_credit_code": credit_code(1),
            }
        )
        cls.dept_bad = Department.create(
            {
                "name": "测试乙局",
                "gov_region_id": cls.city.id,
                "gov_credit_code": credit_code(2),
            }
        )
        cls.hall_a = env["gov.hall"].create(
            {"name": "甲区测试大厅", "region_id": cls.county_a.id}
        )
        cls.hall_b = env["gov.hall"].create(
            {"name": "乙区测试大厅", "region_id": cls.county_b.id}
        )
        cls.window_good = cls._window("甲局测试窗口", "T1", cls.hall_a, cls.dept_good)
        cls.window_bad = cls._window("乙局测试窗口", "T2", cls.hall_b, cls.dept_bad)
        cls.staff_good = env["hr.employee"].create(
            {
                "name": "测试员甲",
                "department_id": cls.dept_good.id,
                "gov_window_id": cls.window_good.id,
            }
        )
        cls.staff_bad = env["hr.employee"].create(
            {
                "name": "测试员乙",
                "department_id": cls.dept_bad.id,
                "gov_window_id": cls.window_bad.id,
            }
        )
        Item = env["gov.service.item"]
        cls.item_good = Item.create(
            {
                "name": "测试事项甲",
                "code": "TEST-ITEM-1",
                "department_id": cls.dept_good.id,
            }
        )
        cls.item_bad = Item.create(
            {
                "name": "测试事项乙",
                "code": "TEST-ITEM-2",
                "department_id": cls.dept_bad.id,
            }
        )
        good = [
            cls._rating("5", cls.staff_good, cls.item_good, day)
            for day in (2, 3, 4, 5, 6)
        ]
        good[0].update(
            comment="窗口服务很好，可以公开，有事打13912345678",
            evaluator_name=EVALUATOR_NAME,
            evaluator_phone=EVALUATOR_PHONE,
            evaluator_cert=EVALUATOR_CERT,
        )
        good[1].update(comment="不同意公开的评论", publish_comment=False)
        good[2].update(comment="匿名的公开评论", anonymous=True)
        bad = [
            cls._rating(level, cls.staff_bad, cls.item_bad, day)
            for level, day in (("1", 7), ("2", 8), ("2", 9), ("3", 10), ("3", 11))
        ]
        bad[0].update(comment="被判无效的评论")
        cls.evaluations = cls._give_ratings(good + bad)
        cls.invalid = cls.evaluations.filtered(lambda e: e.comment == "被判无效的评论")
        cls.invalid._set_validity("invalid", "误评")
        # Users, one per role.
        supervisor = "base.group_user,gov_rating.group_gov_supervisor"
        cls.supervisor = cls._user("pb_supervisor", supervisor, name="测试督查甲")
        cls.supervisor_2 = cls._user("pb_supervisor2", supervisor, name="测试督查乙")
        cls.manager = cls._user(
            "pb_manager", "base.group_user,gov_rating.group_gov_manager"
        )
        cls.handler = cls._user(
            "pb_handler", "base.group_user,gov_rating.group_gov_handler", cls.dept_bad
        )
        cls.identity_reader = cls._user(
            "pb_identity", supervisor + ",gov_rating.group_gov_identity"
        )
        cls.clerk = cls._user("pb_clerk", "base.group_user,gov_rating.group_gov_clerk")
        cls.staff_good.user_id = cls.clerk
        month = env.ref("gov_publish.date_range_type_month")
        cls.march = env["date.range"].create(
            {
                "name": "TEST-2024-03",
                "type_id": month.id,
                "date_start": PERIOD_START,
                "date_end": PERIOD_END,
            }
        )
        cls.april = env["date.range"].create(
            {
                "name": "TEST-2024-04",
                "type_id": month.id,
                "date_start": date(2024, 4, 1),
                "date_end": date(2024, 4, 30),
            }
        )

    @classmethod
    def _give_ratings(cls, vals_list):
        return give_ratings(cls.env, vals_list, fraud_checks=False)

    @classmethod
    def _rating(cls, level, employee, item, day):
        return {
            "level": level,
            "employee_id": employee.id,
            "item_id": item.id,
            "channel": "qr",
            "date": datetime(2024, 3, day, 10, 0),
        }

    @classmethod
    def _published_period(cls, date_range=None):
        """A period generated by one supervisor, approved by another, published."""
        Period = cls.env["gov.publish.period"]
        period = Period.with_user(cls.supervisor).create(
            {"date_range_id": (date_range or cls.march).id}
        )
        period.action_generate()
        period.request_validation()
        period.with_user(cls.supervisor_2).validate_tier()
        period.with_user(cls.supervisor_2).action_publish()
        return period

    @classmethod
    def _line(cls, period, record):
        return period.line_ids.filtered(lambda li: li.res_id == record.id)

    def _rate(self, level, day, **extra):
        vals = self._rating(level, self.staff_good, self.item_good, day)
        vals.update(extra)
        return self._give_ratings([vals])
