from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.gov_rating.models.gov_health import GovHealth


@tagged("post_install", "-at_install")
class TestHealth(HttpCase):
    def test_monitoring_sees_a_healthy_service_without_private_data(self):
        self.env["ir.cron"].search([], limit=1).lastcall = "2026-01-05 08:00:00"
        response = self.url_open("/gov/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        report = response.json()
        self.assertEqual(report["status"], "ok")
        self.assertTrue(report["database"]["ok"])
        self.assertEqual(report["replica"], {"configured": False, "ok": True})
        self.assertGreaterEqual(report["cron"]["last_run"], "2026-01-05 08:00:00")
        self.assertIsInstance(report["cron"]["late_jobs"], int)
        self.assertEqual(
            set(report), {"status", "database", "replica", "cron", "queues"}
        )
        self.assertNotIn(self.env.cr.dbname, response.text)

    def test_a_lagging_replica_answers_503(self):
        lagging = {
            "configured": True,
            "reachable": True,
            "lag_bytes": 5_000_000,
            "lag_seconds": 600.0,
            "ok": False,
        }
        with patch.object(GovHealth, "_health_replica", return_value=lagging):
            response = self.url_open("/gov/health")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["status"], "failing")
        self.assertEqual(response.json()["replica"]["lag_seconds"], 600.0)
