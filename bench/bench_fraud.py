"""Run by bench/run-fraud inside `odoo shell` (``env`` is given): one labelled
simulation on the bench database for the seed in BENCH_SEED, with the size in
BENCH_STAFF, BENCH_DAYS, BENCH_CASES and BENCH_SCALE; prints its figures."""

import importlib.util
import os
from pathlib import Path

import odoo

spec = importlib.util.spec_from_file_location(
    "gov_fraud_sim", Path(os.environ["BENCH_DIR"]) / "fraud_sim.py"
)
fraud_sim = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fraud_sim)

sim = fraud_sim.Simulation(
    seed=int(os.environ.get("BENCH_SEED", 1)),
    staff=int(os.environ.get("BENCH_STAFF", 24)),
    days=int(os.environ.get("BENCH_DAYS", 28)),
    cases_per_day=int(os.environ.get("BENCH_CASES", 3)),
    scale=float(os.environ.get("BENCH_SCALE", 1.0)),
)
sim.setup(env)  # noqa: F821 (given by odoo shell)
env.cr.commit()  # noqa: F821


def read_env(fn):
    env.cr.commit()  # noqa: F821 (a new snapshot sees what the requests wrote)
    env.invalidate_all()  # noqa: F821
    return fn(env)  # noqa: F821


sim.plan()
odoo.tools.config["proxy_mode"] = True
sim.run(odoo.http.root, read_env, progress=lambda line: print(line, flush=True))
print(sim.report(sim.figures(read_env(lambda e: e))))
