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

# Region levels of gov.region, from the top.
REGION_LEVELS = ["province", "city", "county", "township"]
# Department levels from the top: bureaus of the province, of the cities, of the
# counties, township service centres, and the sections of these centres.
DEPARTMENT_KINDS = ["province", "city", "county", "township", "section"]
# Share of each department level (per cent) in a tree of every level.
LEVEL_SHARES = {"province": 1, "city": 9, "county": 45, "township": 35, "section": 10}
TOWNSHIP_CENTRE = "便民服务中心"
SECTIONS = ["综合受理窗口", "社会事务办", "农业服务站", "社保服务站"]
# Real provinces for --province-size. Guizhou runs one system for 4,499 departments
# on five levels, 87,369 window staff and 492,000 service items; two million ratings
# with their cases.
PROVINCE_SIZES = {
    "guizhou": {
        "province": "520000000000",
        "departments": 4499,
        "levels": 5,
        "staff": 87369,
        "items": 492000,
        "users": True,
        "ratings": 2000000,
    },
}


def department_kinds(levels):
    """The department levels of a tree of ``levels`` levels: one level is the
    departments of the counties; more start at the province and go down."""
    if not 1 <= levels <= len(DEPARTMENT_KINDS):
        raise ValueError(f"levels: 1 to {len(DEPARTMENT_KINDS)}, not {levels}")
    return ["county"] if levels == 1 else DEPARTMENT_KINDS[:levels]


def level_counts(count, kinds):
    """``count`` shared over ``kinds`` by LEVEL_SHARES (largest remainders), at
    least one each."""
    if count < len(kinds):
        raise ValueError(f"{len(kinds)} levels need {len(kinds)} departments or more")
    total = sum(LEVEL_SHARES[k] for k in kinds)
    exact = [(count - len(kinds)) * LEVEL_SHARES[k] / total for k in kinds]
    counts = [1 + int(x) for x in exact]
    by_remainder = sorted(range(len(kinds)), key=lambda i: int(exact[i]) - exact[i])
    for i in by_remainder[: count - sum(counts)]:
        counts[i] += 1
    return counts


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
    levels=1,
    users=False,
):
    """A province-sized dataset, added to what the database holds; returns the counts
    and the seconds each step took.

    The structure: the province's real regions (down to townships when the
    departments reach them), departments on ``levels`` levels (see
    ``department_kinds``), one hall per region holding departments, one window per
    department, staff spread over the windows (with a user each when ``users``),
    items spread over the departments.
    Regions, departments, halls and windows go through the ORM in batches; staff
    and items are copied in SQL from a first record the ORM made (see
    ``Generator.copy_rows``); cases, ratings and the work orders of the bad reviews
    are written by ``INSERT ... SELECT`` over ``generate_series``. Ratings go to the
    first ``ratings`` (case, staff) pairs, one first evaluation each; ``cases``
    defaults to 1.2 × ratings."""
    cases = cases if cases is not None else int(ratings * 1.2)
    kinds = department_kinds(levels)
    generator = Generator(env(context=dict(env.context, **BULK_CONTEXT)), seed, days)
    timings = {}

    def step(name, function, *args):
        start = time.monotonic()
        result = function(*args)
        timings[name] = time.monotonic() - start
        return result

    regions = step("regions", generator.regions, province_code, kinds)
    depts = step("departments", generator.departments, departments, kinds, regions)
    windows = step("halls and windows", generator.windows, depts)
    item_count = step("items", generator.items, items, depts)
    staff_count = step("staff", generator.staff, staff, windows, users)
    case_count = step("cases", generator.cases, cases, windows)
    rating_count = step("ratings", generator.ratings, ratings)
    order_count = step("work orders", generator.work_orders)
    step("warnings, analyze", generator.finish)
    return {
        "regions": len(regions),
        "departments": len(depts),
        "department levels": len(kinds),
        "items": item_count,
        "halls": len(windows.hall_id),
        "windows": len(windows),
        "staff": staff_count,
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
        from odoo.addons.gov_rating.models.gov_case import (  # noqa: PLC0415
            RATING_CODE_ALPHABET,
            RATING_CODE_LENGTH,
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
        self.rating_code = (RATING_CODE_ALPHABET, RATING_CODE_LENGTH)
        self.short_names = {}  # department id: its name without the region

    def drop_indexes(self, table):
        """Drop the secondary indexes of ``table`` (those of no constraint) before
        rows are poured in; returns what ``build_indexes`` builds again. One sorted
        build is many times faster than millions of insertions at random places of
        each index; a unique index built again still refuses duplicates."""
        self.cr.execute(
            """
            SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text
            FROM pg_index i
            WHERE i.indrelid = %s::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                              WHERE c.conindid = i.indexrelid)
            """,
            [table],
        )
        indexes = self.cr.fetchall()
        for _definition, name in indexes:
            self.cr.execute(f"DROP INDEX {name}")
        return [definition for definition, _name in indexes]

    def build_indexes(self, definitions):
        self.cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in definitions:
            self.cr.execute(definition)

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

    def regions(self, province_code, kinds):
        """The province's real regions, down to townships when departments sit
        there (else down to counties); returns them, parents first."""
        deepest = "township" if {"township", "section"} & set(kinds) else "county"
        levels = REGION_LEVELS[: REGION_LEVELS.index(deepest) + 1]
        rows = [r for r in self.read_regions(province_code) if r["level"] in levels]
        self.env["gov.region.import.wizard"]._load_regions(rows)
        regions = self.env["gov.region"].search(
            [("code", "in", [r["code"] for r in rows])]
        )
        order = {r["code"]: n for n, r in enumerate(rows)}
        return regions.sorted(lambda r: order[r.code])

    def departments(self, count, kinds, regions):
        """``count`` departments shared over the levels ``kinds`` by
        LEVEL_SHARES, each level created after its parents: a department of a
        region level sits in a region of that level (in turn), under a department
        of the level above whose region holds its own; a section sits in its
        parent's region, under a department of the level above."""
        names = self.names.DEPARTMENTS
        offset = self.count("hr.department")
        counts = level_counts(count, kinds)
        result = self.env["hr.department"]
        above = []  # (department, region) of the level above
        serial = 0
        for kind, level_count in zip(kinds, counts, strict=True):
            places = regions.filtered(lambda r, k=kind: r.level == k)
            if not places and kind != "section":
                raise ValueError(
                    f"The province has no {kind} regions: generate fewer levels."
                )
            vals, rows = [], []
            for n in range(level_count):
                if kind == "section":
                    parent, region = above[n % len(above)]
                    rank = n // len(above)
                    short = SECTIONS[rank % len(SECTIONS)]
                    name = f"{parent.name}{short}"
                else:
                    region = places[n % len(places)]
                    rank = n // len(places)
                    if kind == "township":
                        short, repeat = TOWNSHIP_CENTRE, rank
                    else:
                        short, repeat = names[rank % len(names)], rank // len(names)
                    suffix = f"（{repeat + 1}）" if repeat else ""
                    name = f"{region.name}{short}{suffix}"
                    parent = self.parent_in(above, region, rank, n)
                serial += 1
                body = f"11{region.code[:6]}{offset + serial:09d}"
                vals.append(
                    {
                        "name": name,
                        "parent_id": parent.id if parent else False,
                        "gov_region_id": region.id,
                        "gov_credit_code": body + uscc.calc_check_digit(body),
                    }
                )
                rows.append((region, short))
            created = self.create("hr.department", vals)
            above = list(zip(created, (r for r, _short in rows), strict=True))
            self.short_names.update(
                zip(created.ids, (short for _r, short in rows), strict=True)
            )
            result |= created
        return result

    @staticmethod
    def parent_in(above, region, rank, n):
        """The department of the level above whose region is ``region`` or its
        nearest ancestor holding one (the ``rank``-th of them); else any one of
        the level above; None on the first level."""
        if not above:
            return None
        ancestors = [int(i) for i in region.parent_path.split("/") if i]
        for ancestor in reversed(ancestors):
            candidates = [d for d, r in above if r.id == ancestor]
            if candidates:
                return candidates[rank % len(candidates)]
        return above[n % len(above)][0]

    def windows(self, depts):
        """One hall per region holding departments, one window per department."""
        regions = depts.gov_region_id
        halls = self.create(
            "gov.hall",
            [{"name": f"{r.name}政务服务中心", "region_id": r.id} for r in regions],
        )
        hall_of = dict(zip(regions.ids, halls.ids, strict=True))
        seen = {}
        vals = []
        for dept in depts:
            region_id = dept.gov_region_id.id
            seen[region_id] = seen.get(region_id, 0) + 1
            vals.append(
                {
                    "name": self.short_names[dept.id] + "窗口",
                    "code": f"{seen[region_id]:03d}",
                    "hall_id": hall_of[region_id],
                    "department_id": dept.id,
                }
            )
        return self.create("gov.window", vals)

    def items(self, count, depts):
        """``count`` items spread over the departments, coded 11 + the region of
        the department + a serial. The first is made by the ORM, the others copied
        from it in SQL; all kept in gov_gen_item (id, department_id)."""
        names = self.names.ITEMS
        offset = self.count("gov.service.item")
        first = self.create(
            "gov.service.item",
            [
                {
                    "name": names[0][1],
                    "code": f"11{depts[0].gov_region_id.code[:6]}{offset + 1:08d}",
                    "item_type": names[0][0],
                    "department_id": depts[0].id,
                }
            ],
        )
        self.temp_table(
            "gov_gen_dept",
            "idx int, id int, region varchar",
            [
                {"idx": n, "id": d.id, "region": d.gov_region_id.code[:6]}
                for n, d in enumerate(depts)
            ],
        )
        self.cr.execute("DROP TABLE IF EXISTS gov_gen_item")
        self.cr.execute(
            """
            CREATE TEMP TABLE gov_gen_item AS
            SELECT CASE WHEN g.n = 0 THEN %(first)s
                        ELSE nextval(pg_get_serial_sequence('gov_service_item', 'id'))
                   END::int AS id,
                   g.n, d.id AS department_id,
                   (%(types)s::varchar[])[1 + mod(g.n, %(kinds)s)] AS item_type,
                   (%(names)s::varchar[])[1 + mod(g.n, %(kinds)s)] AS name,
                   '11' || d.region || lpad((%(offset)s + g.n + 1)::text, 8, '0')
                       AS code
            FROM generate_series(0, %(count)s - 1) AS g(n)
            JOIN gov_gen_dept d ON d.idx = mod(g.n, %(depts)s)
            ORDER BY g.n
            """,
            {
                "first": first.id,
                "types": [t for t, _name in names],
                "names": [name for _t, name in names],
                "kinds": len(names),
                "offset": offset,
                "count": count,
                "depts": len(depts),
            },
        )
        SQL = self.SQL
        self.copy_rows(
            "gov_service_item",
            first.id,
            "gov_gen_item",
            {
                "id": SQL("s.id"),
                "name": self.translated(SQL("s.name")),
                "code": SQL("s.code"),
                "item_type": SQL("s.item_type"),
                "department_id": SQL("s.department_id"),
            },
        )
        return count

    def staff(self, count, windows, users=False):
        """``count`` staff spread over the windows, each with a staff number, a
        QR token of the product's format, the resource and the work contact that
        Odoo gives an employee; with ``users``, a back-office user of the window
        staff group each, the staff number as login, without a password, the user's
        partner as work contact. The first is made by the ORM, the others copied
        from it in SQL; all kept in gov_gen_staff (employee_id, window_id)."""
        offset = self.count("hr.employee")
        new_token = self.env["hr.employee"]._gov_qr_new_token
        places = [(w.id, w.department_id.id) for w in windows]
        rows = []
        for n in range(count):
            window_id, department_id = places[n % len(places)]
            rows.append(
                {
                    "n": n,
                    "name": self.names.person_name(self.rng),
                    "code": f"G{offset + n + 1:07d}",
                    "token": new_token(),
                    "window_id": window_id,
                    "department_id": department_id,
                }
            )
        user = self.env["res.users"]
        if users:
            user = self.create(
                "res.users",
                [
                    {
                        "name": rows[0]["name"],
                        "login": rows[0]["code"],
                        "groups_id": [
                            (6, 0, [self.env.ref("gov_rating.group_gov_clerk").id])
                        ],
                    }
                ],
            )
        first = self.create(
            "hr.employee",
            [
                {
                    "name": rows[0]["name"],
                    "user_id": user.id,
                    "department_id": rows[0]["department_id"],
                    "gov_window_id": rows[0]["window_id"],
                    "gov_staff_code": rows[0]["code"],
                }
            ],
        )
        self.temp_table(
            "gov_gen_staff_rows",
            "n int, name varchar, code varchar, token varchar, window_id int,"
            " department_id int",
            rows[1:],
        )
        cr = self.cr
        cr.execute("DROP TABLE IF EXISTS gov_gen_staff")
        cr.execute(
            """
            CREATE TEMP TABLE gov_gen_staff AS
            SELECT s.*,
                   nextval(pg_get_serial_sequence('res_partner', 'id'))::int
                       AS partner_id,
                   nextval(pg_get_serial_sequence('resource_resource', 'id'))::int
                       AS resource_id,
                   nextval(pg_get_serial_sequence('hr_employee', 'id'))::int
                       AS employee_id,
                   CASE WHEN %s
                        THEN nextval(pg_get_serial_sequence('res_users', 'id'))::int
                   END AS user_id
            FROM gov_gen_staff_rows s ORDER BY s.n
            """,
            [bool(users)],
        )
        SQL = self.SQL
        self.copy_rows(
            "res_partner",
            first.work_contact_id.id,
            "gov_gen_staff",
            {
                "id": SQL("s.partner_id"),
                "name": SQL("s.name"),
                "complete_name": SQL("s.name"),
                "commercial_partner_id": SQL("s.partner_id"),
            },
        )
        if users:
            self.copy_users(user)
        self.copy_rows(
            "resource_resource",
            first.resource_id.id,
            "gov_gen_staff",
            {
                "id": SQL("s.resource_id"),
                "name": SQL("s.name"),
                "user_id": SQL("s.user_id"),
            },
        )
        self.copy_rows(
            "hr_employee",
            first.id,
            "gov_gen_staff",
            {
                "id": SQL("s.employee_id"),
                "name": SQL("s.name"),
                "resource_id": SQL("s.resource_id"),
                "user_id": SQL("s.user_id"),
                "work_contact_id": SQL("s.partner_id"),
                "department_id": SQL("s.department_id"),
                "gov_window_id": SQL("s.window_id"),
                "gov_staff_code": SQL("s.code"),
                "gov_qr_token": SQL("s.token"),
            },
        )
        cr.execute(
            "INSERT INTO gov_gen_staff (n, employee_id, window_id) VALUES (0, %s, %s)",
            [first.id, rows[0]["window_id"]],
        )
        cr.execute("DROP TABLE gov_gen_staff_rows")
        return count

    def copy_users(self, user):
        """The users of gov_gen_staff (user_id, partner_id, code as login),
        copied from ``user`` with its groups and companies."""
        SQL = self.SQL
        self.copy_rows(
            "res_users",
            user.id,
            "gov_gen_staff",
            {
                "id": SQL("s.user_id"),
                "login": SQL("s.code"),
                "partner_id": SQL("s.partner_id"),
                "signature": SQL("'<p>--<br />' || s.name || '</p>'"),
            },
        )
        for model, field in (("res.users", "groups_id"), ("res.users", "company_ids")):
            self.cr.execute(
                SQL(
                    """
                    INSERT INTO %(rel)s (%(col1)s, %(col2)s)
                    SELECT s.user_id, r.%(col2)s
                    FROM %(rel)s r CROSS JOIN gov_gen_staff s
                    WHERE r.%(col1)s = %(user)s
                    """,
                    user=user.id,
                    **self.relation(model, field),
                )
            )

    def copy_rows(self, table, template_id, source, values):
        """Insert into ``table`` one row per row of the temporary table ``source``
        (alias ``s``): a copy of the row ``template_id``, which the ORM made with
        every default and computed column, except the columns of ``values`` (SQL
        over ``s``; ``id`` among them)."""
        self.cr.execute(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = %s
            ORDER BY ordinal_position
            """,
            [table],
        )
        columns = [name for (name,) in self.cr.fetchall()]
        SQL = self.SQL
        if "id" not in values or set(values) - set(columns):
            raise ValueError(f"{table}: copy_rows needs the id and known columns.")
        self.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s t CROSS JOIN %s s "
                "WHERE t.id = %s AND %s IS DISTINCT FROM t.id",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(c) for c in columns),
                SQL(", ").join(
                    values[c] if c in values else SQL("t.%s", SQL.identifier(c))
                    for c in columns
                ),
                SQL.identifier(table),
                SQL.identifier(source),
                template_id,
                values["id"],
            )
        )

    def translated(self, value):
        """A translated column of the template ``t`` with ``value`` in each of
        its languages."""
        return self.SQL(
            "(SELECT jsonb_object_agg(lang, %s) FROM jsonb_object_keys(t.name) lang)",
            value,
        )

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

    def cases(self, count, windows):
        """Cases and their staff; kept in gov_gen_case (id, n, window, staff)."""
        self.cr.execute("DROP TABLE IF EXISTS gov_gen_window")
        self.cr.execute(
            """
            CREATE TEMP TABLE gov_gen_window AS
            SELECT (row_number() OVER (ORDER BY w.id) - 1)::int AS idx,
                   w.id AS window_id, w.hall_id, w.department_id, w.region_id,
                   coalesce(s.staff, '{}') AS staff,
                   coalesce(i.items, ARRAY[(
                       SELECT id FROM gov_gen_item ORDER BY id
                       OFFSET mod(w.idx, (SELECT count(*) FROM gov_gen_item))
                       LIMIT 1)]) AS items
            FROM (SELECT w.*, (row_number() OVER (ORDER BY w.id) - 1)::int AS idx
                  FROM gov_window w WHERE w.id = ANY(%s)) AS w
            LEFT JOIN (SELECT window_id, array_agg(employee_id ORDER BY employee_id)
                              AS staff
                       FROM gov_gen_staff GROUP BY window_id) AS s
                   ON s.window_id = w.id
            LEFT JOIN (SELECT department_id, array_agg(id ORDER BY id) AS items
                       FROM gov_gen_item GROUP BY department_id) AS i
                   ON i.department_id = w.department_id
            """,
            [windows.ids],
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
        indexes = self.drop_indexes("gov_case")
        cr.execute(
            """
            INSERT INTO gov_case (
                id, name, item_id, department_id, region_id, hall_id, window_id,
                applicant_type, applicant_name, applicant_phone, channel, state,
                date_received, date_done, rating_code, company_id,
                create_uid, create_date, write_uid, write_date)
            SELECT c.id, 'SJ' || lpad(c.id::text, 10, '0'), c.item_id,
                   c.department_id, c.region_id, c.hall_id, c.window_id, 'person',
                   substr(%(surnames)s, 1 + floor(random() * %(nsur)s)::int, 1)
                       || substr(%(given)s, 1 + floor(random() * %(ngiven)s)::int, 1),
                   '13' || lpad(((random() * 999999999)::bigint)::text, 9, '0'),
                   'counter', 'done', c.date_received, c.date_done,
                   -- A rating code of its own, as a case gets when it is created.
                   (SELECT string_agg(substr(%(alphabet)s,
                               1 + floor(random() * %(nalpha)s)::int, 1), '')
                      FROM generate_series(1, %(code_length)s)
                     WHERE c.id IS NOT NULL),
                   %(company)s, %(uid)s, now() at time zone 'UTC', %(uid)s,
                   now() at time zone 'UTC'
            FROM gov_gen_case c
            """,
            {
                "surnames": names.SURNAMES,
                "nsur": len(names.SURNAMES),
                "given": names.GIVEN,
                "ngiven": len(names.GIVEN),
                "alphabet": self.rating_code[0],
                "nalpha": len(self.rating_code[0]),
                "code_length": self.rating_code[1],
                "company": self.env.company.id,
                "uid": self.env.uid,
            },
        )
        self.build_indexes(indexes)
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
        indexes = self.drop_indexes("gov_evaluation")
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
        self.build_indexes(indexes)
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
            " gov_gen_due, gov_gen_dept, gov_gen_item, gov_gen_staff;"
            " ANALYZE hr_employee; ANALYZE resource_resource; ANALYZE res_partner;"
            " ANALYZE gov_service_item; ANALYZE gov_case; ANALYZE gov_evaluation;"
            " ANALYZE gov_rectify_order"
        )


DEFAULT_SIZE = {
    "province": "520000000000",
    "departments": 2000,
    "levels": 1,
    "staff": 10000,
    "items": 20000,
    "users": False,
    "ratings": 1000000,
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True, help="database with gov_rectify")
    parser.add_argument(
        "--province-size",
        choices=sorted(PROVINCE_SIZES),
        help="the size of a real province (its code, departments, levels, staff, "
        "items, ratings); the options below change any of them",
    )
    parser.add_argument(
        "--fraction",
        type=float,
        default=1.0,
        help="scale departments, staff, items and ratings by this factor",
    )
    parser.add_argument("--departments", type=int, help="default 2000")
    parser.add_argument(
        "--levels",
        type=int,
        help="department levels: 1 = departments of the counties (default); 2 to 5 "
        "= province bureaus, city, county, township centres, their sections",
    )
    parser.add_argument("--items", type=int, help="default 20000")
    parser.add_argument("--staff", type=int, help="default 10000")
    parser.add_argument("--cases", type=int, help="default: 1.2 × ratings")
    parser.add_argument("--ratings", type=int, help="default 1000000")
    parser.add_argument(
        "--province",
        help="12-digit code of the province whose regions hold the departments "
        "(default 520000000000, 贵州省)",
    )
    parser.add_argument(
        "--users",
        action=argparse.BooleanOptionalAction,
        help="a back-office user of the window staff group for each staff member "
        "(default: no; yes for --province-size guizhou)",
    )
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args(argv)
    size = dict(
        PROVINCE_SIZES[args.province_size] if args.province_size else DEFAULT_SIZE
    )
    for name in ("departments", "staff", "items", "ratings"):
        size[name] = max(1, round(size[name] * args.fraction))
    for name in size:
        if getattr(args, name) is not None:
            size[name] = getattr(args, name)
    for name in ("departments", "items", "staff", "ratings"):
        if size[name] < 1:
            parser.error(f"--{name} must be at least 1")
    if not 1 <= size["levels"] <= len(DEPARTMENT_KINDS):
        parser.error(f"--levels: 1 to {len(DEPARTMENT_KINDS)}")
    if size["departments"] < size["levels"]:
        parser.error("--departments: at least one per level")
    if args.cases is not None and args.cases < 1:
        parser.error("--cases must be at least 1")
    if args.fraction <= 0:
        parser.error("--fraction must be positive")
    return args, size


def main(argv=None):
    args, size = parse_args(argv)
    odoo, registry = odoo_env(args.db)
    start = time.monotonic()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = generate(
            env,
            departments=size["departments"],
            levels=size["levels"],
            users=size["users"],
            items=size["items"],
            staff=size["staff"],
            cases=args.cases,
            ratings=size["ratings"],
            province_code=size["province"],
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
