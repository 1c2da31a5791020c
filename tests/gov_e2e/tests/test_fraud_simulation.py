import importlib.util
import logging
from pathlib import Path
from unittest.mock import patch

import odoo
from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)
SIMULATOR = Path(__file__).resolve().parents[3] / "bench" / "fraud_sim.py"


def load_simulator():
    spec = importlib.util.spec_from_file_location("gov_fraud_sim", SIMULATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestFraudSimulation(HttpCase):
    """A small seeded run of the labelled simulator through the public routes: it
    produces its three figures (recall, false flags, Kendall's tau)."""

    def test_smoke_run_produces_the_three_figures(self):
        sim = load_simulator().Simulation(
            seed=7, staff=5, days=7, cases_per_day=2, scale=0.2
        )
        # The centre's mail domain, as configured on a server that notifies the
        # supervisors of new work orders by e-mail (the sender address comes from it).
        self.env.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "gov.example.com"}
        )
        sim.setup(self.env)
        sim.plan()

        def read_env(fn):
            self.env.invalidate_all()
            return fn(self.env)

        with patch.dict(odoo.tools.config.options, {"proxy_mode": True}):
            sim.run(odoo.http.root, read_env)
        self.env.invalidate_all()
        figures = sim.figures(self.env)
        _logger.info("fraud simulation smoke run\n%s", sim.report(figures))
        self.assertGreater(figures["attack_count"], 20)
        # Most of the few cases of this small world are taken by the attacks (a
        # case has one rating: an applicant whose case an attacker rated first
        # does not rate it).
        self.assertGreater(figures["honest_count"], 10)
        for name in ("recall", "false_flag_rate", "tau"):
            self.assertIsInstance(figures[name], float)
        self.assertTrue(0.0 <= figures["recall"] <= 1.0)
        self.assertTrue(0.0 <= figures["false_flag_rate"] <= 1.0)
        self.assertTrue(-1.0 <= figures["tau"] <= 1.0)
        self.assertIn("Kendall tau", sim.report(figures))
        # Honest citizens are never refused because of someone else's burst.
        self.assertEqual(figures["honest_refused"], 0)
