"""Fill a gov_rectify database with a province-sized dataset for benchmarks.

Run it through data/generate, which prepares PostgreSQL and the database; or directly
with the project's virtualenv python (ODOO_SRC, GOV_PG_PORT as in bin/lib.sh):

    data/generate --db gov_bench --departments 2000 --staff 10000 --ratings 1000000

Inside Odoo (an ``odoo shell`` or a test), load this file and call
``generate(env, ...)``.
"""

import argparse
import json
import os
import random
import sys
import sysconfig
import time
from datetime import datetime
from datetime import time as day_time
from pathlib import Path

import pytz
from stdnum.cn import uscc

REPO = Path(__file__).resolve().parents[1]
BULK_BATCH = 1000
# Context of the bulk ORM steps: no chatter messages, followers nor tracking.
BULK_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def odoo_env(db):
    """Odoo of ODOO_SRC with the repository's addons, connected like bin/lib.sh."""
    odoo_src = os.environ.get("ODOO_SRC", "/opt/odoo")
    sys.path.insert(0, odoo_src)
    import odoo  # noqa: PLC0415 (importable only once ODOO_SRC is on the path)

    oca = Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons"
    addons = [
        f"{odoo_src}/odoo/addons",
        f"{odoo_src}/addons",
        str(oca),
        f"{REPO}/addons",
    ]
    odoo.tools.config.parse_config(
        [
            "-c",
            str(REPO / "odoo.conf"),
            f"--addons-path={','.join(addons)}",
            f"--data-dir={REPO / '.local' / 'data'}",
            "--db_host=127.0.0.1",
            f"--db_port={os.environ.get('GOV_PG_PORT', '5439')}",
            "--db_user=odoo",
            f"--database={db}",
            "--log-level=warn",
        ]
    )
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(db)
    return odoo, registry


def generate(
    env,
    departments=2000,
    items=20000,
    staff=10000,
    cases=None,
    ratings=1000000,
    province_code="520000000000",
    seed=20261121,
    days=365,
):
    """A province-sized dataset, added to what the database holds; returns the counts
    and the seconds each step took.

    The structure (the province's real regions down to counties, departments spread
    over the counties, one hall per county, one window per department, staff spread
    over the windows, items spread over the departments) goes through the ORM in
    batches; cases, ratings and the work orders of the bad reviews are written by
    ``INSERT ... SELECT`` over ``generate_series``. Ratings go to the first
    ``ratings`` (case, staff) pairs, one first evaluation each; ``cases`` defaults
    to 1.2 × ratings."""
    cases = cases if cases is not None else int(ratings * 1.2)
    generator = Generator(env(context=dict(env.context, **BULK_CONTEXT)), seed, days)
    timings = {}

    def step(name, function, *args):
        start = time.monotonic()
        result = function(*args)
        timings[name] = time.monotonic() - start
        return result

    counties = step("regions", generator.regions, province_code)
    depts = step("departments", generator.departments, departments, counties)
    item_ids = step("items", generator.items, items, depts)
    windows = step("halls and windows", generator.windows, depts)
    staff_ids = step("staff", generator.staff, staff, windows)
    case_count = step("cases", generator.cases, cases, windows, item_ids, staff_ids)
    rating_count = step("ratings", generator.ratings, ratings)
    order_count = step("work orders", generator.work_orders)
    generator.finish()
    return {
        "regions": len(counties),
        "departments": len(depts),
        "items": len(item_ids),
        "halls": len(windows.hall_id),
        "windows": len(windows),
        "staff": len(staff_ids),
        "cases": case_count,
        "ratings": rating_count,
        "work orders": order_count,
        "seconds": timings,
    }


class Generator:
    """The steps of generate(); the SQL steps hand their rows on in temporary tables
    (gov_gen_*), dropped by finish()."""

    def __init__(self, env, seed, days):
        # Importable once Odoo is loaded (see odoo_env).
        from odoo.tools import SQL  # noqa: PLC0415

        from odoo.addons.gov_rating.models import (  # noqa: PLC0415
            gov_rating_demo as names,
        )
        from odoo.addons.gov_rating.models.gov_level import (  # noqa: PLC0415
            BAD_LEVELS,
            GOOD_LEVELS,
        )
        from odoo.addons.gov_rating.wizards.gov_region_import_wizard import (  # noqa: PLC0415
            read_regions,
        )

        self.env = env
        self.cr = env.cr
        self.seed = seed
        self.days = days
        self.rng = random.Random(seed)
        self.names = names
        self.read_regions = read_regions
        self.SQL = SQL
        self.bad_levels = BAD_LEVELS
        self.good_levels = GOOD_LEVELS

    # ------------------------------------------------------------- structure
    def create(self, model, vals_list):
        """Create in batches, the cache emptied between them."""
        ids = []
        for start in range(0, len(vals_list), BULK_BATCH):
            ids += self.env[model].create(vals_list[start : start + BULK_BATCH]).ids
            self.env.flush_all()
            self.env.invalidate_all()
        return self.env[model].browse(ids)

    def count(self, model):
        return self.env[model].with_context(active_test=False).search_count([])

    def regions(self, province_code):
        rows = [r for r in self.read_regions(province_code) if r["level"] != "township"]
        self.env["gov.region.import.wizard"]._load_regions(rows)
        return self.env["gov.region"].search(
            [("code", "in", [r["code"] for r in rows]), ("level", "=", "county")]
        )

    def departments(self, count, counties):
        names = self.names.DEPARTMENTS
        offset = self.count("hr.department")
        vals = []
        for n in range(count):
            county = counties[n % len(counties)]
            rank = n // len(counties)
            suffix = f"（{rank // len(names) + 1}）" if rank >= len(names) else ""
            body = f"11{county.code[:6]}{offset + n + 1:09d}"
            vals.append(
                {
                    "name": f"{county.name}{names[rank % len(names)]}{suffix}",
                    "gov_region_id": county.id,
                    "gov_credit_code": body + uscc.calc_check_digit(body),
                }
            )
        return self.create("hr.department", vals)

    def items(self, count, depts):
        items = self.names.ITEMS
        offset = self.count("gov.service.item")
        regions = {d.id: d.gov_region_id.code[:6] for d in depts}
        vals = []
        for n in range(count):
            item_type, name = items[n % len(items)]
            dept_id = depts.ids[n % len(depts)]
            vals.append(
                {
                    "name": name,
                    "code": f"11{regions[dept_id]}{offset + n + 1:08d}",
                    "item_type": item_type,
                    "department_id": dept_id,
                }
            )
        return self.create("gov.service.item", vals).ids

    def windows(self, depts):
        names = self.names.DEPARTMENTS
        counties = depts.gov_region_id
        halls = self.create(
            "gov.hall",
            [{"name": f"{c.name}政务服务中心", "region_id": c.id} for c in counties],
        )
        hall_of = dict(zip(counties.ids, halls.ids, strict=True))
        vals = [
            {
                "name": names[n % len(names)] + "窗口",
                "code": f"{n // len(counties) + 1:03d}",
                "hall_id": hall_of[dept.gov_region_id.id],
                "department_id": dept.id,
            }
            for n, dept in enumerate(depts)
        ]
        return self.create("gov.window", vals)

    def staff(self, count, windows):
        offset = self.count("hr.employee")
        departments = {w.id: w.department_id.id for w in windows}
        vals = []
        for n in range(count):
            window_id = windows.ids[n % len(windows)]
            vals.append(
                {
                    "name": self.names.person_name(self.rng),
                    "department_id": departments[window_id],
                    "gov_window_id": window_id,
                    "gov_staff_code": f"G{offset + n + 1:07d}",
                }
            )
        return self.create("hr.employee", vals).ids

    # ------------------------------------------------------------------- SQL
    def temp_table(self, name, columns, rows):
        self.cr.execute(f"DROP TABLE IF EXISTS {name}")
        self.cr.execute(
            f"CREATE TEMP TABLE {name} AS "  # noqa: S608 (names are constants)
            f"SELECT * FROM jsonb_to_recordset(%s::jsonb) AS x({columns})",
            [json.dumps(rows)],
        )

    def relation(self, model, field):
        """The SQL identifiers of a many2many field's table and columns."""
        field = self.env[model]._fields[field]
        return {
            "rel": self.SQL.identifier(field.relation),
            "col1": self.SQL.identifier(field.column1),
            "col2": self.SQL.identifier(field.column2),
        }

    def sequence(self, code):
        """The sequence next_by_code draws ``code`` from (standard ones only)."""
        sequence = self.env["ir.sequence"].search(
            [("code", "=", code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if sequence.implementation != "standard" or sequence.use_date_range:
            raise ValueError(
                f"The sequence {code} is no-gap or by date range: the generator "
                "numbers from a standard sequence only."
            )
        return sequence

    def draw_sql(self, sequence):
        """SQL drawing the next value of ``sequence`` (as next_by_code does)."""
        return self.SQL("nextval(%s)", f"ir_sequence_{sequence.id:03d}")

    def number_sql(self, sequence, value):
        """SQL of the number next_by_code makes of the drawn ``value``: prefix,
        padding and suffix of ``sequence``."""
        prefix, suffix = sequence._get_prefix_suffix()
        return self.SQL(
            "%s || lpad(%s::text, greatest(%s, length(%s::text)), '0') || %s",
            prefix,
            value,
            sequence.padding,
            value,
            suffix,
        )

    def cases(self, count, windows, item_ids, staff_ids):
        """Cases and their staff; kept in gov_gen_case (id, n, window, staff)."""
        items_of = {}
        for item in self.env["gov.service.item"].browse(item_ids):
            items_of.setdefault(item.department_id.id, []).append(item.id)
        staff_of = {}
        for employee in self.env["hr.employee"].browse(staff_ids):
            staff_of.setdefault(employee.gov_window_id.id, []).append(employee.id)
        self.temp_table(
            "gov_gen_window",
            "idx int, window_id int, hall_id int, department_id int, region_id int,"
            " staff int[], items int[]",
            [
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
            ],
        )
        cr = self.cr
        cr.execute("SELECT setseed(%s)", [(self.seed % 1000) / 1000.0])
        # Every tenth case of a window with several staff is handled by two.
        cr.execute("DROP TABLE IF EXISTS gov_gen_case")
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
            {"windows": len(windows), "count": count, "days": self.days},
        )
        names = self.names
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
                "surnames": names.SURNAMES,
                "nsur": len(names.SURNAMES),
                "given": names.GIVEN,
                "ngiven": len(names.GIVEN),
                "company": self.env.company.id,
                "uid": self.env.uid,
            },
        )
        cr.execute(
            self.SQL(
                """
                INSERT INTO %(rel)s (%(col1)s, %(col2)s)
                SELECT c.id, h.employee_id
                FROM gov_gen_case c, unnest(c.handlers) AS h(employee_id)
                """,
                **self.relation("gov.case", "employee_ids"),
            )
        )
        return count

    def ratings(self, count):
        """One first evaluation for each of the first ``count`` (case, staff) pairs
        of gov_gen_case: levels and channels by the weights of the demo, points of
        the configured levels, one tag of the active counter tag set that applies to
        the level, a comment on 40%, 1% judged invalid by a supervisor. Kept in
        gov_gen_rating."""
        tag_set = self.env["gov.tag.set"]._active_for("counter")
        sequence = self.sequence("gov.evaluation")
        self.temp_table(
            "gov_gen_level",
            "value varchar, points numeric, tags int[], comments text[]",
            [
                {
                    "value": level.value,
                    "points": level.points,
                    "tags": tag_set.tag_ids.filtered(
                        lambda t, lv=level: not t.level_ids or lv in t.level_ids
                    ).ids,
                    "comments": self.names.COMMENTS[level.value],
                }
                for level in self.env["gov.level"].search([])
            ],
        )

        def buckets(weights):
            total = sum(weights.values())
            bounds, acc = [], 0
            for weight in weights.values():
                bounds.append(acc / total)
                acc += weight
            return list(weights), bounds

        level_values, level_bounds = buckets(self.names.LEVEL_WEIGHTS)
        channel_values, channel_bounds = buckets(self.names.CHANNEL_WEIGHTS)
        cr = self.cr
        cr.execute("DROP TABLE IF EXISTS gov_gen_rating")
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
            {"levels": level_values, "level_bounds": level_bounds, "count": count},
        )
        cr.execute(
            self.SQL(
                """
                INSERT INTO gov_evaluation (
                    id, name, date, level, points, is_bad, is_good, channel,
                    assess_number, is_default, case_id, employee_id, window_id,
                    hall_id, department_id, region_id, item_id, tag_set_id, comment,
                    anonymous, publish_comment, evaluator_type, evaluator_key,
                    validity, review_reason, reviewer_id, review_date, company_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT r.id, %(number)s,
                       LEAST(r.date_done + (1 + random() * 600) * interval '1 minute',
                             now() at time zone 'UTC'),
                       r.level, l.points, r.level IN %(bad)s, r.level IN %(good)s,
                       (%(channels)s::varchar[])[
                           width_bucket(random(), %(channel_bounds)s::float8[])],
                       '1', false, r.case_id, r.employee_id, r.window_id, r.hall_id,
                       r.department_id, r.region_id, r.item_id,
                       CASE WHEN cardinality(l.tags) > 0 THEN %(tag_set)s END,
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
                FROM (
                    SELECT g.*, %(draw)s AS number FROM gov_gen_rating g ORDER BY g.id
                ) AS r
                JOIN gov_gen_level l ON l.value = r.level
                """,
                draw=self.draw_sql(sequence),
                number=self.number_sql(sequence, self.SQL("r.number")),
                bad=self.bad_levels,
                good=self.good_levels,
                channels=channel_values,
                channel_bounds=channel_bounds,
                tag_set=tag_set.id or None,
                reason="Generated dataset: judged a mistaken rating.",
                uid=self.env.uid,
                company=self.env.company.id,
            )
        )
        rating_count = cr.rowcount
        cr.execute(
            self.SQL(
                """
                INSERT INTO %(rel)s (%(col1)s, %(col2)s)
                SELECT r.id, l.tags[1 + mod(r.id, cardinality(l.tags))]
                FROM gov_gen_rating r JOIN gov_gen_level l ON l.value = r.level
                WHERE cardinality(l.tags) > 0
                """,
                **self.relation("gov.evaluation", "tag_ids"),
            )
        )
        tag_set.filtered(lambda s: not s.locked).locked = True
        return rating_count

    def work_orders(self):
        """The work order of every first bad review of gov_gen_rating, as the rating
        opened it when it was made: numbered by the order sequence, in the first step
        with its deadline and warning, the citizen from the case unless anonymous.
        The orders of ratings judged invalid are opened and closed by the product's
        own path (few of them)."""
        Order = self.env["gov.rectify.order"]
        self.cr.execute(
            """
            SELECT e.id, e.validity = 'valid' FROM gov_evaluation e
            JOIN gov_gen_rating r ON r.id = e.id
            WHERE e.is_bad AND e.assess_number = '1' AND e.validity != 'suspect'
            """
        )
        rows = self.cr.fetchall()
        invalid = self.env["gov.evaluation"].browse(i for i, valid in rows if not valid)
        for evaluation in invalid:
            Order.create(
                {"evaluation_id": evaluation.id, "date_open": evaluation.date}
            )._close_invalidated()
        self.env.flush_all()
        stage = Order._stage_for("new")
        sequence = self.sequence("gov.rectify.order")
        params = self.env["ir.config_parameter"].sudo()
        reply_days = int(params.get_param("gov_rectify.reply_days", 0))
        warning_hours = int(params.get_param("gov_rectify.warning_hours", 24))
        self.temp_table(
            "gov_gen_due", "day date, deadline timestamp", self.due_dates(stage)
        )
        tz = self.env.company.resource_calendar_id.tz or "UTC"
        self.cr.execute(
            self.SQL(
                """
                INSERT INTO gov_rectify_order (
                    name, source, description, stage_id, step, evaluation_id,
                    case_id, item_id, employee_id, window_id, department_id,
                    region_id, supervisor_id, company_id, citizen_name,
                    citizen_phone, visit_required, date_open, date_stage,
                    date_deadline, date_warning, date_reply_due, warned, is_overdue,
                    escalation_count, appeal_state,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(number)s, 'rating', coalesce(e.comment, e.name),
                       %(stage)s, %(step)s, e.id, e.case_id, e.item_id,
                       e.employee_id, e.window_id, e.department_id, e.region_id,
                       %(supervisor)s, e.company_id, p.name, p.phone,
                       p.phone IS NOT NULL, e.date, e.date,
                       CASE WHEN %(natural)s
                            THEN e.date + %(days)s * interval '1 day'
                            ELSE d.deadline END AS deadline,
                       CASE WHEN %(natural)s
                            THEN e.date + %(days)s * interval '1 day'
                            ELSE d.deadline END - %(hours)s * interval '1 hour',
                       CASE WHEN %(reply_days)s > 0
                            THEN e.date + %(reply_days)s * interval '1 day' END,
                       false, false, 0, 'none',
                       %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                FROM (
                    SELECT v.*, %(draw)s AS number
                    FROM gov_evaluation v JOIN gov_gen_rating g ON g.id = v.id
                    WHERE v.is_bad AND v.assess_number = '1' AND v.validity = 'valid'
                    ORDER BY v.id
                ) AS e
                JOIN gov_case c ON c.id = e.case_id
                CROSS JOIN LATERAL (
                    SELECT CASE WHEN NOT e.anonymous
                                THEN coalesce(e.evaluator_name, CASE WHEN
                                     e.evaluator_key = 'applicant'
                                     THEN c.applicant_name END) END AS name,
                           CASE WHEN NOT e.anonymous
                                THEN coalesce(e.evaluator_phone, CASE WHEN
                                     e.evaluator_key = 'applicant'
                                     THEN c.applicant_phone END) END AS phone
                ) AS p
                LEFT JOIN gov_gen_due d
                       ON d.day = (e.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                """,
                draw=self.draw_sql(sequence),
                number=self.number_sql(sequence, self.SQL("e.number")),
                stage=stage.id,
                step=stage.step,
                supervisor=(Order._default_supervisor() or Order.env["res.users"]).id
                or None,
                natural=stage.deadline_type == "natural",
                days=stage.deadline_days,
                hours=warning_hours,
                reply_days=reply_days,
                tz=tz,
                uid=self.env.uid,
            )
        )
        return self.cr.rowcount + len(invalid)

    def due_dates(self, stage):
        """[{day, deadline}]: the deadline of the first step of an order opened on
        each local day of the bad reviews, from the order's own deadline rule
        (working days and holidays of the company's working time)."""
        if not stage.deadline_days or stage.deadline_type == "natural":
            return []
        calendar = self.env.company.resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        self.cr.execute(
            """
            SELECT DISTINCT (e.date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date
            FROM gov_evaluation e JOIN gov_gen_rating r ON r.id = e.id
            WHERE e.is_bad
            """,
            [tz.zone],
        )
        Order = self.env["gov.rectify.order"]
        result = []
        for (day,) in self.cr.fetchall():
            noon = tz.localize(datetime.combine(day, day_time(12)))
            start = noon.astimezone(pytz.utc).replace(tzinfo=None)
            due = Order._due_date(start, stage.deadline_days, stage.deadline_type)
            result.append({"day": str(day), "deadline": str(due)})
        return result

    def finish(self):
        """The warnings the new bad reviews call for, the figures' statistics, and
        the temporary tables dropped."""
        self.env.invalidate_all()
        self.cr.execute(
            """
            SELECT array_agg(DISTINCT e.employee_id),
                   array_agg(DISTINCT e.department_id)
            FROM gov_evaluation e JOIN gov_gen_rating r ON r.id = e.id
            WHERE e.is_bad AND e.validity = 'valid'
            """
        )
        employee_ids, department_ids = self.cr.fetchone()
        if employee_ids:
            self.env["gov.rectify.warning"]._compute_warnings(
                employee_ids=[i for i in employee_ids if i],
                department_ids=[i for i in department_ids if i],
            )
        self.cr.execute(
            "DROP TABLE gov_gen_window, gov_gen_case, gov_gen_level, gov_gen_rating,"
            " gov_gen_due; ANALYZE gov_case; ANALYZE gov_evaluation;"
            " ANALYZE gov_rectify_order"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True, help="database with gov_rectify")
    parser.add_argument("--departments", type=int, default=2000)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--staff", type=int, default=10000)
    parser.add_argument(
        "--cases", type=int, default=None, help="default: 1.2 × ratings"
    )
    parser.add_argument("--ratings", type=int, default=1000000)
    parser.add_argument(
        "--province",
        default="520000000000",
        help="12-digit code of the province whose counties hold the departments",
    )
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args(argv)
    for name in ("departments", "items", "staff", "ratings"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.cases is not None and args.cases < 1:
        parser.error("--cases must be at least 1")

    odoo, registry = odoo_env(args.db)
    start = time.monotonic()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = generate(
            env,
            departments=args.departments,
            items=args.items,
            staff=args.staff,
            cases=args.cases,
            ratings=args.ratings,
            province_code=args.province,
            seed=args.seed,
        )
    total = time.monotonic() - start
    seconds = result.pop("seconds")
    out = sys.stdout
    out.write(", ".join(f"{v} {k}" for k, v in result.items()) + f" in {total:.0f} s\n")
    for name, spent in seconds.items():
        out.write(f"  {name:<18} {spent:7.1f} s\n")
    rows = result["cases"] + result["ratings"] + result["work orders"]
    sql = seconds["cases"] + seconds["ratings"] + seconds["work orders"]
    out.write(f"  cases + ratings + work orders: {rows / sql:,.0f} rows/s\n")
    return result


if __name__ == "__main__":
    main()
