"""How fast a provincial platform's file is imported (gov.exchange.import, through the
rating gateway with every check on), against a raw psycopg2 ``execute_values`` insert
of the very rows the import wrote (the file's record, its cases, their staff and its
ratings), measured in the same run on the same database.

Run it through bench/run-import. Each round imports the file, reads back every
column of the rows it made, rolls back, inserts those rows raw, and rolls back
again: the database ends as it began.
"""

import argparse
import base64
import json
import random
import statistics
import sys
import time
from pathlib import Path

from psycopg2.extras import execute_values

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from generate_dataset import odoo_env  # noqa: E402

PHRASES = ["服务态度很好", "办事效率高", "窗口人员很耐心", "流程清楚，一次办好"]
# (table, column joining it to the import's rows)
TABLES = [
    # The file's own record, which its ratings point to.
    ("gov_exchange_import", "id"),
    ("gov_case", "id"),
    ("gov_case_hr_employee_rel", "gov_case_id"),
    ("gov_evaluation", "id"),
]


def ric(body):
    """A valid resident ID number from its first 17 digits."""
    checksum = (1 - 2 * int(body, 13)) % 11
    return body + ("X" if checksum == 10 else str(checksum))


def make_rows(env, count, seed):
    """``count`` rows of the reporting interface on the generated items, dated in
    the period of the generated ratings (the interface names no staff member)."""
    rng = random.Random(seed)
    cr = env.cr
    cr.execute(
        "SELECT code FROM gov_service_item "
        "WHERE code IS NOT NULL ORDER BY id LIMIT 2000"
    )
    items = [code for (code,) in cr.fetchall()]
    cr.execute("SELECT min(date), max(date) FROM gov_evaluation")
    first, last = cr.fetchone()
    rows = []
    for n in range(count):
        local = first + rng.random() * (last - first)
        row = {
            "projectNo": f"BENCH-{seed}-{n:07d}",
            "taskCode": rng.choice(items),
            "satisfaction": rng.choices("54321", weights=(80, 12, 4, 2, 2))[0],
            "pf": rng.choice("1234567"),
            "assessTime": local.strftime("%Y-%m-%d %H:%M:%S"),
            "assessNumber": "1",
            # A third write a comment, each their own (one text on many ratings
            # that name no staff member is a paste to the same-text check).
            "writingEvaluation": f"{rng.choice(PHRASES)}，业务{n}号"
            if rng.random() < 0.3
            else "",
            "anonymityFlag": "2",
            "publicFlag": "1",
            "userProp": "1",
            "userName": "基准测评人",
            "mobile": f"1{rng.randrange(3, 10)}{rng.randrange(10**9):09d}",
        }
        if rng.random() < 0.3:
            row["certKey"] = ric(f"520102{rng.randrange(1960, 2005)}0101{n % 1000:03d}")
        rows.append(row)
    return rows


class Bench:
    def __init__(self, env, rows, batch):
        self.env = env
        self.rows = rows
        self.batch = batch
        platform = env["gov.platform"].search([("code", "=", "BENCH-PROV")])
        if not platform:
            platform = platform.create(
                {
                    "name": "基准省平台",
                    "code": "BENCH-PROV",
                    "platform_type": "provincial",
                }
            )
        self.platform = platform
        self.data = base64.b64encode(json.dumps(rows, ensure_ascii=False).encode())
        self.queries = 0

    def run_import(self):
        """Seconds the import takes, and the rows it made (every column)."""
        env, cr = self.env, self.env.cr
        cr.execute("SAVEPOINT bench")
        run = env["gov.exchange.import"].create(
            {"platform_id": self.platform.id, "file": self.data, "file_name": "f.json"}
        )
        env.flush_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        run.action_import()
        env.flush_all()
        spent = time.perf_counter() - start
        self.queries = cr.sql_log_count - queries
        if run.state != "done":
            raise SystemExit(run.report[:2000])
        ratings = run.evaluation_ids.ids
        case_ids = run.evaluation_ids.case_id.ids
        made = {}
        for table, column in TABLES:
            ids = {"gov_evaluation": ratings, "gov_exchange_import": run.ids}.get(
                table, case_ids
            )
            cr.execute(f"SELECT * FROM {table} WHERE {column} = ANY(%s)", [ids])
            made[table] = ([d.name for d in cr.description], cr.fetchall())
        cr.execute("ROLLBACK TO SAVEPOINT bench")
        cr.clear()
        return spent, made

    def run_raw(self, made):
        """Seconds a raw execute_values insert of ``made`` takes (same ids)."""
        cr = self.env.cr
        cr.execute("SAVEPOINT bench")
        start = time.perf_counter()
        for table, __ in TABLES:
            columns, values = made[table]
            execute_values(
                cr._obj,
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s",
                values,
                page_size=self.batch,
            )
        spent = time.perf_counter() - start
        cr.execute("ROLLBACK TO SAVEPOINT bench")
        return spent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    odoo, registry = odoo_env(args.db)
    out = sys.stdout
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT count(*) FROM gov_evaluation")
        existing = cr.fetchone()[0]
        rows = make_rows(env, args.rows, args.seed)
        from odoo.addons.gov_publish.models.gov_exchange_import import BATCH

        bench = Bench(env, rows, BATCH)
        out.write(
            f"{args.rows:,} rows into a database of {existing:,} ratings; "
            f"batches of {BATCH}\n"
        )
        bench.run_import()  # warm-up: caches, plans
        imports, raws = [], []
        for round_ in range(args.repeat):
            spent, made = bench.run_import()
            raw = bench.run_raw(made)
            imports.append(spent)
            raws.append(raw)
            out.write(
                f"  round {round_ + 1}: import {spent:.2f} s "
                f"({args.rows / spent:,.0f} rows/s, "
                f"{bench.queries / args.rows:.2f} queries/row), "
                f"raw insert {raw:.2f} s ({args.rows / raw:,.0f} rows/s)\n"
            )
            out.flush()
        made_rows = sum(len(made[table][1]) for table, __ in TABLES)
        cr.rollback()
    spent, raw = statistics.median(imports), statistics.median(raws)
    out.write(
        f"median: import {args.rows / spent:,.0f} rows/s, raw insert of the same "
        f"{made_rows:,} table rows {args.rows / raw:,.0f} rows/s\n"
        f"import / raw insert rate: {raw / spent:.1%} (target >= 50 %)\n"
    )


if __name__ == "__main__":
    main()
