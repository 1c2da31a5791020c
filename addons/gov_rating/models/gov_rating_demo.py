import random
from datetime import timedelta

from stdnum.cn import ric, uscc

from odoo import api, fields, models

from .. import guard
from .gov_case import NO_INVITATION

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国文辉鑫宇欣怡"
DEPARTMENTS = [
    "市场监督管理局",
    "公安局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "自然资源和规划局",
    "税务局",
    "医疗保障局",
    "民政局",
    "交通运输局",
    "卫生健康局",
    "教育局",
    "生态环境局",
]
ITEMS = [
    ("01", "营业执照设立登记"),
    ("01", "食品经营许可"),
    ("07", "户籍迁移"),
    ("20", "居民身份证换领"),
    ("05", "失业保险金申领"),
    ("20", "社会保障卡补换"),
    ("01", "建筑工程施工许可"),
    ("07", "不动产登记"),
    ("20", "发票申领"),
    ("05", "医疗费用报销"),
    ("07", "婚姻登记"),
    ("01", "道路运输经营许可"),
    ("20", "出生医学证明办理"),
    ("07", "学籍证明"),
    ("01", "排污许可"),
]
COMMENTS = {
    "5": ["窗口人员很耐心，一次就办好了", "效率很高，点赞", "服务热情，指引清楚"],
    "4": ["办理比较顺利", "等候时间不长", "态度不错"],
    "3": ["还可以，排队有点久", "材料要求可以再说明清楚"],
    "2": ["等了一个多小时", "一次性告知没有做到，跑了两趟"],
    "1": ["态度很差，推诿", "材料被退回三次，没有说明原因"],
}
LEVEL_WEIGHTS = {"5": 62, "4": 22, "3": 9, "2": 4, "1": 3}
# Public holidays of 2026: first and last day off, Beijing dates.
DEMO_HOLIDAYS = [
    ("元旦", "2026-01-01", "2026-01-03"),
    ("春节", "2026-02-15", "2026-02-23"),
    ("清明节", "2026-04-04", "2026-04-06"),
    ("劳动节", "2026-05-01", "2026-05-05"),
    ("端午节", "2026-06-19", "2026-06-21"),
    ("国庆节", "2026-10-01", "2026-10-08"),
]
CHANNEL_WEIGHTS = {
    "qr": 40,
    "device": 20,
    "sms": 15,
    "pc": 10,
    "app": 8,
    "phone": 4,
    "paper": 3,
}


def person_name(rng):
    """A Chinese name: a surname and one or two given characters."""
    return rng.choice(SURNAMES) + "".join(
        rng.choice(GIVEN) for _ in range(rng.randint(1, 2))
    )


class GovRatingDemo(models.AbstractModel):
    """The demo city, built through the ORM by the demo data of gov_rating only.
    The names and weights here are also those of data/generate_dataset.py."""

    _name = "gov.rating.demo"
    _description = "Rating Demo Data"

    @api.model
    def _generate(
        self,
        counties=2,
        departments=8,
        halls_per_county=1,
        windows_per_hall=4,
        staff_per_window=2,
        items=12,
        cases=400,
        ratings=300,
        seed=20261121,
        days=90,
    ):
        rng = random.Random(seed)
        regions = self._make_regions(counties)
        depts = self._make_departments(rng, departments, regions[0])
        item_recs = self._make_items(rng, items, depts)
        halls, windows, staff = self._make_halls(
            rng,
            regions[1:],
            depts,
            halls_per_county,
            windows_per_hall,
            staff_per_window,
        )
        case_recs = self._make_cases(rng, cases, item_recs, windows, staff, days)
        self._make_ratings(rng, ratings, case_recs, days)
        return {
            "regions": len(regions),
            "departments": len(depts),
            "halls": len(halls),
            "windows": len(windows),
            "staff": len(staff),
            "items": len(item_recs),
            "cases": len(case_recs),
        }

    def _make_regions(self, counties):
        Region = self.env["gov.region"]
        province = Region.search([("code", "=", "520000000000")]) or Region.create(
            {"name": "贵州省", "code": "520000", "level": "province"}
        )
        city = Region.search([("code", "=", "520100000000")]) or Region.create(
            {
                "name": "贵阳市",
                "code": "520100",
                "level": "city",
                "parent_id": province.id,
            }
        )
        names = ["南明区", "云岩区", "花溪区", "乌当区", "白云区", "观山湖区"]
        result = [city]
        for n in range(counties):
            code = f"5201{n + 2:02d}"
            name = names[n] if n < len(names) else f"第{n + 1}区"
            result.append(
                Region.search([("code", "=", code + "000000")])
                or Region.create(
                    {
                        "name": name,
                        "code": code,
                        "level": "county",
                        "parent_id": city.id,
                    }
                )
            )
        return result

    def _credit_code(self, rng):
        body = (
            "11"
            + "520100"
            + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
        )
        return body + uscc.calc_check_digit(body)

    def _make_departments(self, rng, count, city):
        Department = self.env["hr.department"]
        vals = []
        for n in range(count):
            base = DEPARTMENTS[n % len(DEPARTMENTS)]
            suffix = "" if n < len(DEPARTMENTS) else f"（{n // len(DEPARTMENTS) + 1}）"
            vals.append(
                {
                    "name": f"贵阳市{base}{suffix}",
                    "gov_region_id": city.id,
                    "gov_credit_code": self._credit_code(rng),
                    "gov_public_service": True,
                }
            )
        return Department.create(vals)

    def _make_items(self, rng, count, depts):
        vals = []
        for n in range(count):
            item_type, name = ITEMS[n % len(ITEMS)]
            suffix = "" if n < len(ITEMS) else f"（{n // len(ITEMS) + 1}）"
            vals.append(
                {
                    "name": name + suffix,
                    "code": f"11520100{n + 1:08d}",
                    "item_type": item_type,
                    "department_id": depts[n % len(depts)].id,
                }
            )
        return self.env["gov.service.item"].create(vals)

    def _make_halls(self, rng, counties, depts, per_county, per_hall, per_window):
        Hall = self.env["gov.hall"]
        halls = Hall.browse()
        windows = self.env["gov.window"].browse()
        staff = self.env["hr.employee"].browse()
        for county in counties:
            for h in range(per_county):
                suffix = "" if h == 0 else f"第{h + 1}分厅"
                hall = Hall.create(
                    {
                        "name": f"{county.name}政务服务中心{suffix}",
                        "region_id": county.id,
                    }
                )
                halls |= hall
                window_vals = [
                    {
                        "name": depts[w % len(depts)].name.removeprefix("贵阳市")
                        + "窗口",
                        "code": f"{w + 1:02d}",
                        "hall_id": hall.id,
                        "department_id": depts[w % len(depts)].id,
                    }
                    for w in range(per_hall)
                ]
                hall_windows = self.env["gov.window"].create(window_vals)
                windows |= hall_windows
                for window in hall_windows:
                    people = self.env["hr.employee"].create(
                        [
                            {
                                "name": person_name(rng),
                                "department_id": window.department_id.id,
                                "gov_window_id": window.id,
                                "gov_staff_code": f"G{len(staff) + k + 1:06d}",
                            }
                            for k in range(per_window)
                        ]
                    )
                    staff |= people
                    self.env["gov.seat"].create(
                        [
                            {
                                "name": f"{window.code}-{k + 1}",
                                "code": str(k + 1),
                                "window_id": window.id,
                                "employee_id": person.id,
                            }
                            for k, person in enumerate(people)
                        ]
                    )
        return halls, windows, staff

    def _id_number(self, rng):
        body = (
            "520102"
            + f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}"
            + f"{rng.randint(1, 28):02d}"
        )
        body += f"{rng.randint(0, 999):03d}"
        return body + ric.calc_check_digit(body + "0")

    def _make_cases(self, rng, count, items, windows, staff, days):
        now = fields.Datetime.now()
        vals = []
        for n in range(count):
            window = windows[n % len(windows)]
            people = window.employee_ids
            handlers = people[: 2 if n % 10 == 0 and len(people) > 1 else 1]
            received = now - timedelta(days=rng.uniform(0, days), hours=1)
            window_items = items.filtered(
                lambda i, w=window: i.department_id == w.department_id
            )
            item = rng.choice(window_items or items)
            vals.append(
                {
                    "name": f"GY{received:%Y%m%d}{n + 1:06d}",
                    "item_id": item.id,
                    "hall_id": window.hall_id.id,
                    "window_id": window.id,
                    "employee_ids": [fields.Command.set(handlers.ids)],
                    "applicant_name": person_name(rng),
                    "applicant_cert": self._id_number(rng),
                    "applicant_phone": "1"
                    + rng.choice("3589")
                    + f"{rng.randint(0, 999999999):09d}",
                    "date_received": received,
                    "date_done": received + timedelta(minutes=rng.randint(10, 90)),
                    "state": "done",
                }
            )
        with guard.allowed(NO_INVITATION):
            return self.env["gov.case"].create(vals)

    def _make_ratings(self, rng, count, cases, days):
        tags = self.env["gov.tag.set"]._active_for("counter").tag_ids
        levels = list(LEVEL_WEIGHTS)
        channels = list(CHANNEL_WEIGHTS)
        vals = []
        for case in cases[:count]:
            level = rng.choices(levels, weights=LEVEL_WEIGHTS.values())[0]
            fitting = tags.filtered(
                lambda t, lv=level: lv in t.level_ids.mapped("value")
            )
            chosen = rng.sample(fitting.ids, k=min(len(fitting), rng.randint(1, 2)))
            for employee in case.employee_ids:
                vals.append(
                    {
                        "case_id": case.id,
                        "employee_id": employee.id,
                        "level": level,
                        "channel": rng.choices(
                            channels, weights=CHANNEL_WEIGHTS.values()
                        )[0],
                        "tag_ids": [fields.Command.set(chosen)],
                        "comment": rng.choice(COMMENTS[level])
                        if rng.random() < 0.4
                        else False,
                        "anonymous": rng.random() < 0.3,
                        "publish_comment": rng.random() < 0.8,
                        "date": case.date_done + timedelta(minutes=rng.randint(1, 600)),
                    }
                )
        Evaluation = self.env["gov.evaluation"].with_context(tracking_disable=True)
        evaluations = Evaluation
        for rating in vals:
            evaluations |= Evaluation._gateway_create(
                rating.pop("channel"),
                [rating],
                date=rating.pop("date"),
                entered_by=self.env.user,
                fraud_checks=False,
            )
        return evaluations

    @api.model
    def _generate_demo(self):
        """The demo city; the demo users sit at a window and in its department.
        The centre works on Beijing time with the public holidays of the year."""
        calendar = self.env.company.resource_calendar_id
        calendar.tz = "Asia/Shanghai"
        self.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": calendar.id,
                    # Beijing midnight is 16:00 UTC the day before.
                    "date_from": fields.Datetime.to_datetime(start)
                    - timedelta(hours=8),
                    "date_to": fields.Datetime.to_datetime(end) + timedelta(hours=16),
                }
                for name, start, end in DEMO_HOLIDAYS
            ]
        )
        self._generate()
        window = self.env["gov.window"].search([], limit=1)
        clerk_employee = window.employee_ids[:1]
        clerk_employee.user_id = self.env.ref("gov_rating.user_clerk")
        self.env["hr.employee"].create(
            {
                "name": self.env.ref("gov_rating.user_handler").name,
                "department_id": window.department_id.id,
                "user_id": self.env.ref("gov_rating.user_handler").id,
            }
        )
        platform = self.env["gov.platform"].create(
            {"name": "一窗受理系统", "code": "YCSL", "platform_type": "business"}
        )
        platform.action_generate_api_key()
        hall = window.hall_id
        self.env["gov.device"].create(
            {
                "name": f"{window.name}评价器",
                "code": "PJQ-001",
                "hall_id": hall.id,
                "window_id": window.id,
            }
        )
