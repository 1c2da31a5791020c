import json
import logging
import random
import time
from datetime import timedelta

from stdnum.cn import ric, uscc

from odoo import api, fields, models
from odoo.tools import SQL

from ..wizards.gov_region_import_wizard import read_regions

_logger = logging.getLogger(__name__)

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
BULK_BATCH = 1000
# Context of the bulk ORM steps: no chatter messages, followers nor tracking.
BULK_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
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


class GovDatasetGenerator(models.AbstractModel):
    """Makes a realistic dataset: the demo city, or a province for benchmarks."""

    _name = "gov.dataset.generator"
    _description = "Dataset Generator"

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

    def _person_name(self, rng):
        return rng.choice(SURNAMES) + "".join(
            rng.choice(GIVEN) for _ in range(rng.randint(1, 2))
        )

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
                                "name": self._person_name(rng),
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
                    "applicant_name": self._person_name(rng),
                    "applicant_cert": self._id_number(rng),
                    "applicant_phone": "1"
                    + rng.choice("3589")
                    + f"{rng.randint(0, 999999999):09d}",
                    "date_received": received,
                    "date_done": received + timedelta(minutes=rng.randint(10, 90)),
                    "state": "done",
                }
            )
        return self.env["gov.case"].with_context(gov_no_invitation=True).create(vals)

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

    # ------------------------------------------------------------------ bulk
    @api.model
    def _generate_bulk(
        self,
        departments=2000,
        items=20000,
        staff=10000,
        cases=None,
        ratings=1000000,
        province_code="520000000000",
        seed=20261121,
        days=365,
    ):
        """A province-sized dataset for benchmarks, added to what the database holds.

        The structure (the province's real regions down to counties, departments
        spread over the counties, one hall per county, one window per department,
        staff spread over the windows, items spread over the departments) goes through
        the ORM in batches; cases and ratings are written by ``INSERT ... SELECT``
        over ``generate_series``. Ratings go to the first ``ratings`` (case, staff)
        pairs, one first evaluation each; ``cases`` defaults to 1.2 × ratings.
        Returns the counts and the seconds each step took."""
        cases = cases if cases is not None else int(ratings * 1.2)
        rng = random.Random(seed)
        env = self.with_context(**BULK_CONTEXT).env
        generator = self.with_env(env)
        timings = {}

        def step(name, function, *args):
            start = time.monotonic()
            result = function(*args)
            timings[name] = time.monotonic() - start
            _logger.info("generator: %s in %.1f s", name, timings[name])
            return result

        counties = step("regions", generator._bulk_regions, province_code)
        depts = step("departments", generator._bulk_departments, departments, counties)
        item_ids = step("items", generator._bulk_items, items, depts)
        windows = step("halls and windows", generator._bulk_windows, depts)
        staff_ids = step("staff", generator._bulk_staff, rng, staff, windows)
        case_count = step(
            "cases",
            generator._bulk_cases,
            cases,
            windows,
            item_ids,
            staff_ids,
            seed,
            days,
        )
        rating_count = step("ratings", generator._bulk_ratings, ratings)
        self.env.cr.execute("ANALYZE gov_case; ANALYZE gov_evaluation")
        return {
            "regions": len(counties),
            "departments": len(depts),
            "items": len(item_ids),
            "halls": len(windows.hall_id),
            "windows": len(windows),
            "staff": len(staff_ids),
            "cases": case_count,
            "ratings": rating_count,
            "seconds": timings,
        }

    def _bulk_create(self, model, vals_list):
        """Create in batches, the cache emptied between them; returns the ids."""
        ids = []
        for start in range(0, len(vals_list), BULK_BATCH):
            ids += self.env[model].create(vals_list[start : start + BULK_BATCH]).ids
            self.env.flush_all()
            self.env.invalidate_all()
        return self.env[model].browse(ids)

    def _bulk_regions(self, province_code):
        rows = [r for r in read_regions(province_code) if r["level"] != "township"]
        self.env["gov.region.import.wizard"]._load_regions(rows)
        return self.env["gov.region"].search(
            [("code", "in", [r["code"] for r in rows]), ("level", "=", "county")]
        )

    def _bulk_departments(self, count, counties):
        offset = (
            self.env["hr.department"].with_context(active_test=False).search_count([])
        )
        vals = []
        for n in range(count):
            county = counties[n % len(counties)]
            rank = n // len(counties)
            base = DEPARTMENTS[rank % len(DEPARTMENTS)]
            suffix = (
                f"（{rank // len(DEPARTMENTS) + 1}）"
                if rank >= len(DEPARTMENTS)
                else ""
            )
            body = f"11{county.code[:6]}{offset + n + 1:09d}"
            vals.append(
                {
                    "name": f"{county.name}{base}{suffix}",
                    "gov_region_id": county.id,
                    "gov_credit_code": body + uscc.calc_check_digit(body),
                }
            )
        return self._bulk_create("hr.department", vals)

    def _bulk_items(self, count, depts):
        offset = (
            self.env["gov.service.item"]
            .with_context(active_test=False)
            .search_count([])
        )
        regions = {d.id: d.gov_region_id.code[:6] for d in depts}
        vals = []
        for n in range(count):
            item_type, name = ITEMS[n % len(ITEMS)]
            dept_id = depts.ids[n % len(depts)]
            vals.append(
                {
                    "name": name,
                    "code": f"11{regions[dept_id]}{offset + n + 1:08d}",
                    "item_type": item_type,
                    "department_id": dept_id,
                }
            )
        return self._bulk_create("gov.service.item", vals).ids

    def _bulk_windows(self, depts):
        counties = depts.gov_region_id
        halls = self._bulk_create(
            "gov.hall",
            [{"name": f"{c.name}政务服务中心", "region_id": c.id} for c in counties],
        )
        hall_of = dict(zip(counties.ids, halls.ids, strict=True))
        vals = [
            {
                "name": DEPARTMENTS[n % len(DEPARTMENTS)] + "窗口",
                "code": f"{n // len(counties) + 1:03d}",
                "hall_id": hall_of[dept.gov_region_id.id],
                "department_id": dept.id,
            }
            for n, dept in enumerate(depts)
        ]
        return self._bulk_create("gov.window", vals)

    def _bulk_staff(self, rng, count, windows):
        offset = (
            self.env["hr.employee"].with_context(active_test=False).search_count([])
        )
        departments = {w.id: w.department_id.id for w in windows}
        vals = []
        for n in range(count):
            window_id = windows.ids[n % len(windows)]
            vals.append(
                {
                    "name": self._person_name(rng),
                    "department_id": departments[window_id],
                    "gov_window_id": window_id,
                    "gov_staff_code": f"G{offset + n + 1:07d}",
                }
            )
        return self._bulk_create("hr.employee", vals).ids

    def _bulk_cases(self, count, windows, item_ids, staff_ids, seed, days):
        """Cases and their staff in SQL; keeps them in the temporary table
        gov_gen_case (id, n, window, staff) for the ratings."""
        cr = self.env.cr
        items_of = {}
        for item in self.env["gov.service.item"].browse(item_ids):
            items_of.setdefault(item.department_id.id, []).append(item.id)
        staff_of = {}
        for employee in self.env["hr.employee"].browse(staff_ids):
            staff_of.setdefault(employee.gov_window_id.id, []).append(employee.id)
        rows = [
            {
                "idx": n,
                "window_id": window.id,
                "hall_id": window.hall_id.id,
                "department_id": window.department_id.id,
                "region_id": window.hall_id.region_id.id,
                "staff": staff_of.get(window.id, []),
                "items": items_of.get(window.department_id.id)
                or [item_ids[n % len(item_ids)]],
            }
            for n, window in enumerate(windows)
        ]
        cr.execute("DROP TABLE IF EXISTS gov_gen_window, gov_gen_case")
        cr.execute(
            """
            CREATE TEMP TABLE gov_gen_window AS
            SELECT * FROM jsonb_to_recordset(%s::jsonb) AS x(
                idx int, window_id int, hall_id int, department_id int,
                region_id int, staff int[], items int[])
            """,
            [json.dumps(rows)],
        )
        cr.execute("SELECT setseed(%s)", [(seed % 1000) / 1000.0])
        # Every tenth case of a window with several staff is handled by two.
        cr.execute(
            """
            CREATE TEMP TABLE gov_gen_case AS
            SELECT nextval('gov_case_id_seq')::int AS id, g.n, w.*,
                   CASE WHEN cardinality(w.staff) = 0 THEN '{}'::int[]
                        WHEN mod(g.n, 10) = 0 AND cardinality(w.staff) > 1
                        THEN ARRAY[w.staff[1 + mod(g.k, cardinality(w.staff))],
                                   w.staff[1 + mod(g.k + 1, cardinality(w.staff))]]
                        ELSE ARRAY[w.staff[1 + mod(g.k, cardinality(w.staff))]]
                   END AS handlers,
                   w.items[1 + mod(g.k, cardinality(w.items))] AS item_id,
                   g.received AS date_received,
                   g.received + (10 + random() * 80) * interval '1 minute' AS date_done
            FROM (
                SELECT n, n / %(windows)s AS k,
                       (now() at time zone 'UTC') - interval '2 hours'
                           - random() * %(days)s * interval '1 day' AS received
                FROM generate_series(0, %(count)s - 1) AS n
            ) AS g
            JOIN gov_gen_window w ON w.idx = mod(g.n, %(windows)s)
            """,
            {"windows": len(windows), "count": count, "days": days},
        )
        cr.execute(
            """
            INSERT INTO gov_case (
                id, name, item_id, department_id, region_id, hall_id, window_id,
                applicant_type, applicant_name, applicant_phone, channel, state,
                date_received, date_done, company_id,
                create_uid, create_date, write_uid, write_date)
            SELECT c.id, 'SJ' || lpad(c.id::text, 10, '0'), c.item_id,
                   c.department_id, c.region_id, c.hall_id, c.window_id, 'person',
                   substr(%(surnames)s, 1 + floor(random() * %(nsur)s)::int, 1)
                       || substr(%(given)s, 1 + floor(random() * %(ngiven)s)::int, 1),
                   '13' || lpad(((random() * 999999999)::bigint)::text, 9, '0'),
                   'counter', 'done', c.date_received, c.date_done,
                   %(company)s, %(uid)s, now() at time zone 'UTC', %(uid)s,
                   now() at time zone 'UTC'
            FROM gov_gen_case c
            """,
            {
                "surnames": SURNAMES,
                "nsur": len(SURNAMES),
                "given": GIVEN,
                "ngiven": len(GIVEN),
                "company": self.env.company.id,
                "uid": self.env.uid,
            },
        )
        field = self.env["gov.case"]._fields["employee_ids"]
        cr.execute(
            SQL(
                """
                INSERT INTO %(rel)s (%(col1)s, %(col2)s)
                SELECT c.id, h.employee_id
                FROM gov_gen_case c, unnest(c.handlers) AS h(employee_id)
                """,
                rel=SQL.identifier(field.relation),
                col1=SQL.identifier(field.column1),
                col2=SQL.identifier(field.column2),
            )
        )
        return count

    def _bulk_ratings(self, count):
        """One first evaluation for each of the first ``count`` (case, staff) pairs of
        gov_gen_case: levels and channels by the weights above, points from the
        configured levels, one fitting tag, a comment on 40%, 1% marked invalid."""
        cr = self.env.cr
        tag_set = self.env["gov.tag.set"]._active_for("counter")
        levels = [
            {
                "value": level.value,
                "points": level.points,
                "tags": tag_set.tag_ids.filtered(
                    lambda t, lv=level: lv in t.level_ids
                ).ids,
                "comments": COMMENTS[level.value],
            }
            for level in self.env["gov.level"].search([])
        ]
        cr.execute("DROP TABLE IF EXISTS gov_gen_level")
        cr.execute(
            """
            CREATE TEMP TABLE gov_gen_level AS
            SELECT * FROM jsonb_to_recordset(%s::jsonb) AS x(
                value varchar, points numeric, tags int[], comments text[])
            """,
            [json.dumps(levels)],
        )

        def buckets(weights):
            total = sum(weights.values())
            bounds, acc = [], 0
            for weight in weights.values():
                bounds.append(acc / total)
                acc += weight
            return list(weights), bounds

        level_values, level_bounds = buckets(LEVEL_WEIGHTS)
        channel_values, channel_bounds = buckets(CHANNEL_WEIGHTS)
        cr.execute(
            """
            CREATE TEMP TABLE gov_gen_rating AS
            SELECT nextval('gov_evaluation_id_seq')::int AS id, p.*,
                   (%(levels)s::varchar[])[
                       width_bucket(random(), %(level_bounds)s::float8[])] AS level
            FROM (
                SELECT c.id AS case_id, h.employee_id, c.window_id, c.hall_id,
                       c.department_id, c.region_id, c.item_id, c.date_done
                FROM gov_gen_case c
                LEFT JOIN LATERAL unnest(c.handlers) AS h(employee_id) ON true
                ORDER BY c.n, h.employee_id
                LIMIT %(count)s
            ) AS p
            """,
            {
                "levels": level_values,
                "level_bounds": level_bounds,
                "count": count,
            },
        )
        cr.execute(
            """
            INSERT INTO gov_evaluation (
                id, name, date, level, points, is_bad, is_good, channel,
                assess_number, is_default, case_id, employee_id, window_id, hall_id,
                department_id, region_id, item_id, tag_set_id, comment, anonymous,
                publish_comment, evaluator_type, evaluator_key, validity,
                review_reason, reviewer_id, review_date, company_id,
                create_uid, create_date, write_uid, write_date)
            SELECT r.id, 'PJ' || lpad(r.id::text, 10, '0'),
                   LEAST(r.date_done + (1 + random() * 600) * interval '1 minute',
                         now() at time zone 'UTC'),
                   r.level, l.points, r.level IN ('1', '2'), r.level IN ('4', '5'),
                   (%(channels)s::varchar[])[
                       width_bucket(random(), %(channel_bounds)s::float8[])],
                   '1', false, r.case_id, r.employee_id, r.window_id, r.hall_id,
                   r.department_id, r.region_id, r.item_id, %(tag_set)s,
                   CASE WHEN random() < 0.4
                        THEN l.comments[1 + mod(r.id, cardinality(l.comments))]
                   END,
                   random() < 0.3, random() < 0.8, 'person', 'applicant',
                   CASE WHEN mod(r.id, 100) = 0 THEN 'invalid' ELSE 'valid' END,
                   CASE WHEN mod(r.id, 100) = 0 THEN %(reason)s END,
                   CASE WHEN mod(r.id, 100) = 0 THEN %(uid)s END,
                   CASE WHEN mod(r.id, 100) = 0 THEN now() at time zone 'UTC' END,
                   %(company)s, %(uid)s, now() at time zone 'UTC', %(uid)s,
                   now() at time zone 'UTC'
            FROM gov_gen_rating r JOIN gov_gen_level l ON l.value = r.level
            """,
            {
                "channels": channel_values,
                "channel_bounds": channel_bounds,
                "tag_set": tag_set.id or None,
                "reason": "Generated dataset: judged a mistaken rating.",
                "uid": self.env.uid,
                "company": self.env.company.id,
            },
        )
        rating_count = cr.rowcount
        field = self.env["gov.evaluation"]._fields["tag_ids"]
        cr.execute(
            SQL(
                """
                INSERT INTO %(rel)s (%(col1)s, %(col2)s)
                SELECT r.id, l.tags[1 + mod(r.id, cardinality(l.tags))]
                FROM gov_gen_rating r JOIN gov_gen_level l ON l.value = r.level
                WHERE cardinality(l.tags) > 0
                """,
                rel=SQL.identifier(field.relation),
                col1=SQL.identifier(field.column1),
                col2=SQL.identifier(field.column2),
            )
        )
        tag_set.filtered(lambda s: not s.locked).locked = True
        cr.execute(
            "DROP TABLE gov_gen_window, gov_gen_case, gov_gen_level, gov_gen_rating"
        )
        return rating_count

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
