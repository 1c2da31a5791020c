"""How fast the figures, the rating report, the dashboard and the public pages of a
generated database are, each as a ratio to its baseline measured in the same run:

- gov.evaluation._gov_object_figures of every department, staff member, window and
  region, against a bare ``GROUP BY`` of the same counted rows (target ≤ 2×), with
  and without the statistics indexes, and against the naive way (browse every valid
  rating and add up in Python);
- the rating report's pivot (department × month) against the bare ``GROUP BY`` it
  shows, and the dashboard of a quarter against the bare ``GROUP BY`` queries of
  the figures it shows (target ≤ 2×);
- with gov_publish installed, the public pages (``/gov/results/*``, the roster, the
  counter-code rating page) against the website home page of the same server
  (target ≤ 1.5×) and, with ``--small-db``, against the same pages of a small
  database (target ≤ 1.2×). Requests go through the WSGI application in-process,
  anonymously.

Run it through bench/run-statistics, which makes the database with data/generate
first when it does not exist.
"""

import argparse
import statistics
import sys
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from generate_dataset import odoo_env  # noqa: E402

OBJECTS = [
    # (label, model, field of gov.evaluation, hierarchical)
    ("all departments", "hr.department", "department_id", True),
    ("all staff", "hr.employee", "employee_id", False),
    ("all windows", "gov.window", "window_id", False),
    ("all regions", "gov.region", "region_id", True),
]
# The ratings that count, as _gov_statistics_domain (defaults excluded).
COUNTED = "validity = 'valid' AND assess_number = '1' AND is_default IS NOT TRUE"
PAGES = [
    "/gov/results/rankings",
    "/gov/results/items",
    "/gov/results/comments",
    "/gov/results/rectifications",
    "/gov/roster",
    "RATING_PAGE",
]
HOME = "/"


def median_time(function, repeat, before=None):
    """Median wall time of ``repeat`` calls of ``function``; ``before`` runs
    untimed before each (e.g. emptying the caches)."""
    spent = []
    for _n in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        function()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def ratio_line(label, spent, base, target):
    ratio = spent / base if base else float("inf")
    verdict = "ok" if ratio <= target else "OVER"
    return (
        f"   {label:<44} {spent * 1000:9.1f} ms  baseline {base * 1000:9.1f} ms"
        f"  ratio {ratio:5.2f}× (target ≤ {target}×, {verdict})"
    )


class Bench:
    def __init__(self, env, repeat, sample):
        self.env = env
        self.repeat = repeat
        self.sample = sample
        self.Evaluation = env["gov.evaluation"]

    def say(self, line=""):
        say(line)

    def timed_pair(self, ours, baseline):
        """Median wall times of ``ours`` and of its ``baseline``, timed in turns
        (caches emptied before each), so that a change of the machine's load
        weighs on both sides."""
        spent = ([], [])
        for __ in range(self.repeat):
            for times, function in zip(spent, (ours, baseline), strict=True):
                times.append(median_time(function, 1, self.env.invalidate_all))
        return statistics.median(spent[0]), statistics.median(spent[1])

    def sql(self, query):
        """A bare query: run it and fetch every row, as a caller would."""

        def run():
            self.env.cr.execute(query)
            return self.env.cr.fetchall()

        return run

    def figures(self, model, field, hierarchical):
        """(objects, ms of their figures, ms of the bare GROUP BY)"""
        ids = self.env[model].with_context(active_test=False).search([]).ids
        return len(ids), *self.timed_pair(
            lambda: self.Evaluation._gov_object_figures(field, ids, hierarchical),
            self.sql(
                f"SELECT {field}, COUNT(*), SUM(points) FROM gov_evaluation "
                f"WHERE {COUNTED} AND {field} IS NOT NULL GROUP BY {field}"
            ),
        )

    def naive(self, field):
        """Browse valid ratings one by one and add up per object: timed on a sample
        and extrapolated to all valid ratings."""
        domain = self.Evaluation._gov_statistics_domain()
        total = self.Evaluation.search_count(domain)
        self.env.invalidate_all()
        start = time.perf_counter()
        sums = defaultdict(lambda: [0, 0.0])
        for rating in self.Evaluation.search(domain, limit=self.sample):
            acc = sums[rating[field].id]
            acc[0] += 1
            acc[1] += rating.points
        spent = time.perf_counter() - start
        return total, spent * total / min(self.sample, total)

    def run_all(self, label):
        self.say(f"-- {label}")
        results = {}
        for name, model, field, hierarchical in OBJECTS:
            count, spent, base = self.figures(model, field, hierarchical)
            results[name] = spent
            self.say(ratio_line(f"{name} ({count:,} objects)", spent, base, 2))
        return results

    # ------------------------------------------------------- report, dashboard
    def report(self):
        """The pivot of the rating report (department × month, its measures)
        against the bare GROUP BY of the same rows and buckets."""
        Report = self.env["gov.rating.report"].with_context(tz="Asia/Shanghai")
        measures = ["rating_count:sum", "points:avg", "good_rate:avg", "bad_rate:avg"]
        spent, base = self.timed_pair(
            lambda: Report.read_group(
                [], measures, ["department_id", "date:month"], lazy=False
            ),
            self.sql(
                """SELECT department_id,
                          date_trunc('month', timezone('Asia/Shanghai',
                                                       timezone('UTC', date))),
                          COUNT(*), AVG(points),
                          AVG(CASE WHEN is_good THEN 100.0 ELSE 0.0 END),
                          AVG(CASE WHEN is_bad THEN 100.0 ELSE 0.0 END)
                     FROM gov_evaluation GROUP BY 1, 2"""
            ),
        )
        self.say(ratio_line("report pivot department × month", spent, base, 2))

    def dashboard(self):
        """The dashboard of the last quarter of the data against the bare GROUP BY
        queries of what it shows (levels, days, departments, windows, cases and
        work orders of the period; levels, cases and work orders of the previous
        period, beside which it sets its headline figures)."""
        from odoo.tools import SQL  # noqa: PLC0415 (importable once odoo_env ran)

        self.env.cr.execute("SELECT MAX(date) FROM gov_evaluation")
        last = self.env.cr.fetchone()[0].date()
        date_from = last - timedelta(days=91)
        board = self.env["gov.publish.dashboard"].create(
            {"date_from": date_from, "date_to": last}
        )
        start, end = self.env.company._gov_range_bounds(date_from, last)
        # The dashboard sets each headline figure beside the previous period's.
        previous = board._previous_board()
        before = self.env.company._gov_range_bounds(
            previous.date_from, previous.date_to
        )
        period = "date >= %(start)s AND date < %(end)s"

        def headline(start, end):
            """The headline figures between the parameters ``start`` and ``end``:
            levels, cases rated, work orders."""
            return [
                f"SELECT level, COUNT(*) FROM gov_evaluation WHERE {COUNTED} AND "
                f"date >= %({start})s AND date < %({end})s GROUP BY level",
                "SELECT SUM(case_count), SUM(rated_count) FROM %(cases)s t "
                f"WHERE date_done >= %({start})s AND date_done < %({end})s",
                "SELECT COUNT(*), SUM(rectified), SUM(on_time), SUM(visited) "
                f"FROM %(orders)s t WHERE date_open >= %({start})s "
                f"AND date_open < %({end})s",
            ]

        queries = [
            *headline("start", "end"),
            "SELECT date_trunc('day', timezone('Asia/Shanghai', timezone('UTC', "
            f"date))), is_bad, COUNT(*) FROM gov_evaluation WHERE {COUNTED} AND "
            f"{period} GROUP BY 1, 2",
            f"SELECT department_id, COUNT(*), SUM(points) FROM gov_evaluation "
            f"WHERE {COUNTED} AND {period} AND department_id IS NOT NULL "
            "GROUP BY department_id",
            f"SELECT window_id, COUNT(*), SUM(points) FROM gov_evaluation "
            f"WHERE {COUNTED} AND {period} AND window_id IS NOT NULL "
            "GROUP BY window_id",
            *headline("before_start", "before_end"),
        ]
        params = {
            "start": start,
            "end": end,
            "before_start": before[0],
            "before_end": before[1],
            "cases": self.env["gov.case.activity.report"]._table_sql,
            "orders": self.env["gov.rectify.report"]._table_sql,
        }
        runs = [self.sql(SQL(query, **params)) for query in queries]
        spent, base = self.timed_pair(
            board._gov_figures, lambda: [run() for run in runs]
        )
        self.say(ratio_line(f"dashboard {date_from} – {last}", spent, base, 2))


# ------------------------------------------------------------------ public pages
def page_times(odoo, dbs, repeat):
    """{(db, path): median seconds} of the public pages and the home page of each
    database of ``dbs``, requested anonymously through the WSGI application. The
    requests take turns (each page on each database, the order of the databases
    swapped every round), so that a change of the machine's load weighs on all."""
    from werkzeug.test import Client  # noqa: PLC0415

    urls = {}
    for db in dbs:
        with odoo.modules.registry.Registry(db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            window = env["gov.window"].search([("gov_qr_token", "!=", False)], limit=1)
            urls[db] = {path: path for path in [HOME, *PAGES]}
            urls[db]["RATING_PAGE"] = f"/gov/r/{window.gov_qr_token}"
    clients = {db: Client(odoo.http.root) for db in dbs}

    def get(db, path):
        # One database per request, each client its own session.
        odoo.tools.config["db_name"] = db
        odoo.tools.config["dbfilter"] = f"^{db}$"
        start = time.perf_counter()
        response = clients[db].get(urls[db][path])
        response.get_data()
        spent = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{db}{urls[db][path]}: HTTP {response.status_code}")
        return spent

    samples = defaultdict(list)
    for db in dbs:
        for path in urls[db]:
            get(db, path)  # warm-up: templates compiled, caches filled
    for round_ in range(repeat):
        for path in [HOME, *PAGES]:
            for db in dbs if round_ % 2 == 0 else dbs[::-1]:
                samples[db, path].append(get(db, path))
    return {key: statistics.median(times) for key, times in samples.items()}


def prepare_public(odoo, db):
    """What the public pages show on a generated database, made once: a published
    ranking of the last full month of ratings (generated by the product, published
    without the approval steps) and one rating in ten with a published comment."""
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Period = env["gov.publish.period"]
        if not Period.search_count([("state", "=", "published")]):
            cr.execute("SELECT MAX(date) FROM gov_evaluation")
            last = cr.fetchone()[0].date().replace(day=1) - timedelta(days=1)
            month = env["date.range"].create(
                {
                    "name": f"BENCH-{last:%Y-%m}",
                    "type_id": env.ref("gov_publish.date_range_type_month").id,
                    "date_start": last.replace(day=1),
                    "date_end": last,
                }
            )
            period = Period.create({"date_range_id": month.id})
            period.action_generate()
            cr.execute(
                "UPDATE gov_publish_period SET state = 'published', "
                "published_date = now() WHERE id = %s",
                [period.id],
            )
        # Bench data only: the product never changes a rating once given, so its
        # trigger is off for this one statement of this transaction.
        cr.execute("ALTER TABLE gov_evaluation DISABLE TRIGGER gov_evaluation_protect")
        cr.execute(
            "UPDATE gov_evaluation SET comment = '窗口服务很好，办事效率高', "
            "publish_comment = TRUE WHERE mod(id, 10) = 0 AND comment IS NULL"
        )
        cr.execute("ALTER TABLE gov_evaluation ENABLE TRIGGER gov_evaluation_protect")


def say(line=""):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def pages(odoo, db, small_db, repeat):
    say(f"-- public pages, anonymous, median of {repeat} interleaved requests")
    times = page_times(odoo, [db, small_db] if small_db else [db], repeat)
    for path in PAGES:
        label = "rating page /gov/r/<token>" if path == "RATING_PAGE" else path
        say(ratio_line(f"{label} vs home", times[db, path], times[db, HOME], 1.5))
        if small_db:
            say(
                ratio_line(
                    f"{label} vs {small_db}",
                    times[db, path],
                    times[small_db, path],
                    1.2,
                )
            )
    if small_db:
        say(
            ratio_line(
                f"home vs {small_db}", times[db, HOME], times[small_db, HOME], 1.2
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--sample", type=int, default=20000, help="ratings browsed by the naive way"
    )
    parser.add_argument(
        "--small-db", help="a small database whose pages are the flatness baseline"
    )
    parser.add_argument(
        "--page-repeat", type=int, default=15, help="requests timed per page"
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="only make the published ranking and comments the pages show",
    )
    args = parser.parse_args()
    odoo, registry = odoo_env(args.db)
    if args.prepare:
        prepare_public(odoo, args.db)
        return
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench = Bench(env, args.repeat, args.sample)
        counts = {
            name: env[model].with_context(active_test=False).search_count([])
            for name, model in [
                ("ratings", "gov.evaluation"),
                ("cases", "gov.case"),
                ("departments", "hr.department"),
                ("staff", "hr.employee"),
                ("windows", "gov.window"),
                ("items", "gov.service.item"),
            ]
        }
        bench.say(
            f"database {args.db}: "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        )
        with open("/proc/loadavg") as loadavg:
            bench.say(f"load average at start: {loadavg.read().split()[:3]}")
        bench.say(f"median of {args.repeat} runs, caches emptied before each")
        indexes = env["gov.evaluation"]._gov_statistics_indexes()
        cr.execute("SAVEPOINT bench_without_indexes")
        for name, _definition in indexes:
            cr.execute(f"DROP INDEX IF EXISTS {name}")
        without = bench.run_all("_gov_object_figures without the statistics indexes")
        cr.execute("ROLLBACK TO SAVEPOINT bench_without_indexes")
        start = time.perf_counter()
        for name, definition in indexes:
            cr.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON gov_evaluation {definition}"
            )
        cr.commit()
        bench.say(f"statistics indexes in place ({time.perf_counter() - start:.1f} s)")
        with_indexes = bench.run_all("_gov_object_figures with the statistics indexes")
        bench.say("-- rating report and dashboard")
        bench.report()
        published = "gov.publish.dashboard" in env
        if published:
            bench.dashboard()
        bench.say("-- naive: browse every valid rating, add up in Python")
        for name, field in [
            ("all departments", "department_id"),
            ("all staff", "employee_id"),
        ]:
            total, spent = bench.naive(field)
            bench.say(
                f"   {name:<16} {spent:9.1f} s for {total:,} valid ratings "
                f"(extrapolated from {min(args.sample, total):,})"
            )
            fast, slow = with_indexes[name], without[name]
            bench.say(
                f"   → _gov_object_figures is {spent / fast:,.0f}× faster"
                f" ({spent / slow:,.0f}× without the statistics indexes,"
                f" which make it {slow / fast:.1f}× faster)"
            )
        cr.rollback()
    if published:
        pages(odoo, args.db, args.small_db, args.page_repeat)
    else:
        print("-- public pages: gov_publish is not installed in this database")


if __name__ == "__main__":
    main()
