"""How fast gov.evaluation._gov_object_figures computes the figures of every object
of a generated database, against the naive way (browse every valid rating and add up
in Python), and with and without the statistics indexes of gov_evaluation.

Run it through bench/run-statistics, which makes the database with data/generate
first when it does not exist.
"""

import argparse
import statistics
import sys
import time
from collections import defaultdict
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


def timed(function, repeat):
    """Median wall time of ``repeat`` calls, caches emptied before each."""
    spent = []
    for _n in range(repeat):
        function.__self__.env.invalidate_all()
        start = time.perf_counter()
        function()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


class Bench:
    def __init__(self, env, repeat, sample):
        self.env = env
        self.repeat = repeat
        self.sample = sample
        self.Evaluation = env["gov.evaluation"]
        self.out = sys.stdout

    def say(self, line=""):
        self.out.write(line + "\n")
        self.out.flush()

    def figures(self, model, field, hierarchical):
        ids = self.env[model].with_context(active_test=False).search([]).ids

        def run():
            return self.Evaluation._gov_object_figures(field, ids, hierarchical)

        run.__self__ = self.Evaluation
        return len(ids), timed(run, self.repeat)

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
            count, spent = self.figures(model, field, hierarchical)
            results[name] = spent
            self.say(f"   {name:<16} {count:>7} objects  {spent * 1000:9.1f} ms")
        return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--sample", type=int, default=20000, help="ratings browsed by the naive way"
    )
    args = parser.parse_args()
    odoo, registry = odoo_env(args.db)
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
            ]
        }
        bench.say(
            f"database {args.db}: "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        )
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


if __name__ == "__main__":
    main()
