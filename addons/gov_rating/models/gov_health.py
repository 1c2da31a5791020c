import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import config

_logger = logging.getLogger(__name__)

# Queues other addons may hold: (model, field, states that wait).
QUEUES = {
    "exports": ("gov.export.job", "state", ("queued", "running")),
    "outbox": ("gov.exchange.outbox", "state", ("pending", "failed")),
}


class GovHealth(models.AbstractModel):
    """The state of the service for the proxy and monitoring (``/gov/health``):
    counts and delays only, no private data."""

    _name = "gov.health"
    _description = "Service Health"

    @api.model
    def _max_replica_lag(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rating.health_max_replica_lag", 60)
        )

    @api.model
    def _health_replica(self):
        """Lag of the read-only replica Odoo is configured with: bytes of WAL the
        replica has not replayed yet and seconds since the last transaction it
        replayed (0 when it has replayed everything)."""
        if not (config["db_replica_host"] or config["db_replica_port"]):
            return {"configured": False, "ok": True}
        self.env.cr.execute("SELECT pg_current_wal_lsn()")
        primary_lsn = self.env.cr.fetchone()[0]
        try:
            with self.env.registry.cursor(readonly=True) as cr:
                cr.execute(
                    """
                    SELECT pg_is_in_recovery(),
                           pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),
                           EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
                    """,
                    (primary_lsn,),
                )
                in_recovery, lag_bytes, since_replay = cr.fetchone()
        except psycopg2.Error as error:
            _logger.info("health: replica unreachable: %s", error)
            return {"configured": True, "ok": False, "reachable": False}
        if not in_recovery:
            # The registry fell back to the primary: the replica is not in use.
            return {"configured": True, "ok": False, "reachable": False}
        lag_bytes = max(int(lag_bytes or 0), 0)
        lag_seconds = round(float(since_replay or 0), 3) if lag_bytes else 0.0
        return {
            "configured": True,
            "reachable": True,
            "lag_bytes": lag_bytes,
            "lag_seconds": lag_seconds,
            "ok": lag_seconds <= self._max_replica_lag(),
        }

    @api.model
    def _health_cron(self):
        """When a scheduled job last ran and how many are more than an hour late."""
        Cron = self.env["ir.cron"].sudo()
        [(last_run,)] = Cron._read_group([], aggregates=["lastcall:max"])
        late = Cron.search_count(
            [
                (
                    "nextcall",
                    "<",
                    fields.Datetime.subtract(fields.Datetime.now(), hours=1),
                )
            ]
        )
        return {
            "last_run": fields.Datetime.to_string(last_run) if last_run else None,
            "late_jobs": late,
        }

    @api.model
    def _health_queues(self):
        """Number of records waiting in each queue whose addon is installed."""
        queues = {}
        for name, (model, field, states) in QUEUES.items():
            if model in self.env:
                queues[name] = (
                    self.env[model].sudo().search_count([(field, "in", states)])
                )
        return queues

    @api.model
    def _health(self):
        """(report, healthy): the report is JSON-ready. A primary database that
        does not answer never gets here (Odoo answers 500 before)."""
        self.env.cr.execute("SELECT 1")
        report = {
            "database": {"ok": self.env.cr.fetchone()[0] == 1},
            "replica": self._health_replica(),
            "cron": self._health_cron(),
            "queues": self._health_queues(),
        }
        healthy = report["database"]["ok"] and report["replica"]["ok"]
        report["status"] = "ok" if healthy else "failing"
        return report, healthy
