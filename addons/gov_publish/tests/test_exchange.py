import base64
import json
import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import EVALUATOR_CERT, GovPublishCase


class _Receiver(BaseHTTPRequestHandler):
    """A provincial platform: fails the first request, then accepts; remembers
    what it accepted by idempotency key."""

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        server.requests.append(self.headers["Idempotency-Key"])
        if len(server.requests) == 1:
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"busy")
            return
        server.accepted.setdefault(self.headers["Idempotency-Key"], json.loads(body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestExchange(GovPublishCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.platform = cls.env["gov.platform"].create(
            {"name": "测试省平台", "code": "TEST-PROV", "platform_type": "provincial"}
        )

    def _import(self, records, name="ratings.json", platform=None, user=None):
        data = json.dumps(records, ensure_ascii=False).encode()
        run = (
            self.env["gov.exchange.import"]
            .with_user(user or self.env.user)
            .create(
                {
                    "platform_id": (platform or self.platform).id,
                    "file": base64.b64encode(data),
                    "file_name": name,
                }
            )
        )
        run.action_import()
        return run

    def _row(self, number, **extra):
        row = {
            "projectNo": f"TEST-PROV-{number:04d}",
            "taskCode": "TEST-ITEM-1",
            "areaCode": "530102",
            "deptCode": self.dept_good.gov_credit_code,
            "satisfaction": "5",
            "pf": "1",
            "assessTime": "2024-03-20 10:00:00",
            "assessNumber": "1",
            "writingEvaluation": "省平台导入的评价",
            "anonymityFlag": "2",
            "publicFlag": "1",
            "userProp": "1",
            "userName": "导入测试人",
            "certKey": EVALUATOR_CERT,
            "mobile": "13700000000",
        }
        row.update(extra)
        return row

    def test_same_file_twice_creates_nothing_new(self):
        self.platform.write(
            {"gov_push_enabled": True, "gov_push_url": "http://127.0.0.1:9/ratings"}
        )
        rows = [self._row(1), self._row(2, satisfaction="2"), self._row(3)]
        first = self._import(rows)
        self.assertFalse(
            first.evaluation_ids.gov_outbox_ids, "imported ratings are not sent back"
        )
        self.assertEqual(first.state, "done", first.report)
        self.assertEqual(first.created_count, 3)
        cases = self.env["gov.case"].search([("name", "like", "TEST-PROV-")])
        self.assertEqual(len(cases), 3)
        self.assertEqual(set(cases.mapped("state")), {"done"})
        second = self._import(rows)
        self.assertEqual(second.state, "done")
        self.assertEqual(second.created_count, 0)
        self.assertEqual(second.skipped_count, 3)
        self.assertEqual(
            self.env["gov.case"].search_count([("name", "like", "TEST-PROV-")]), 3
        )
        bad = first.evaluation_ids.filtered("is_bad")
        self.assertEqual(bad.case_id.name, "TEST-PROV-0002")

    def test_assess_time_is_beijing_time(self):
        run = self._import(
            [self._row(21, assessTime="2024-04-01 00:30:00")], user=self.supervisor
        )
        self.assertEqual(run.state, "done", run.report)
        rating = run.evaluation_ids
        self.assertEqual(rating.date, datetime(2024, 3, 31, 16, 30), "stored as UTC")
        board = (
            self.env["gov.publish.dashboard"]
            .with_user(self.supervisor)
            .create({"date_from": date(2024, 4, 1), "date_to": date(2024, 4, 30)})
        )
        self.assertEqual(board.rating_count, 1, "counted on 1 April")
        self.assertEqual(
            rating._gov_interface_records()[0]["assessTime"], "2024-04-01 00:30:00"
        )

    def test_times_as_strptime_reads_them(self):
        run = self._import(
            [
                self._row(31, assessTime="2024-4-1 8:05:00"),
                self._row(32, assessTime="2024-04-01 08:05:60"),
                self._row(33, assessTime="2024-04-01T08:05:00"),
            ],
            user=self.supervisor,
        )
        self.assertEqual(run.rejected_count, 2, run.report)
        for row in (2, 3):
            self.assertIn(f"Row {row} rejected", run.report)
        self.assertNotIn("Row 1 rejected", run.report)
        run = self._import(
            [self._row(31, assessTime="2024-4-1 8:05:00")], user=self.supervisor
        )
        self.assertEqual(run.evaluation_ids.date, datetime(2024, 4, 1, 0, 5))

    def test_a_file_lists_only_the_ratings_it_imported(self):
        """Each rating points to the file it came from; the supervisor who imports
        files cannot pin other ratings on a file, nor take one off it."""
        run = self._import([self._row(51)], user=self.supervisor)
        other = self._import([self._row(52)], user=self.supervisor)
        self.assertEqual(len(run.evaluation_ids), 1)
        self.assertEqual(run.evaluation_ids.gov_import_id, run)
        for command in (
            Command.link(other.evaluation_ids.id),
            Command.unlink(run.evaluation_ids.id),
            Command.clear(),
        ):
            with self.assertRaises(AccessError):
                run.with_user(self.supervisor).write({"evaluation_ids": [command]})
        self.assertEqual(run.evaluation_ids.case_id.name, "TEST-PROV-0051")
        self.assertEqual(other.evaluation_ids.gov_import_id, other)

    def test_a_file_with_nul_characters_is_refused(self):
        row = self._row(41, writingEvaluation="好\x00评")
        with self.assertRaisesRegex(UserError, "NUL"):
            self._import([row], user=self.supervisor)
        header = "projectNo,taskCode,satisfaction,pf,assessTime\n"
        body = "TEST-NUL-1,TEST-ITEM-1,5,1,2024-03-21 09:30:00\x00\n"
        run = (
            self.env["gov.exchange.import"]
            .with_user(self.supervisor)
            .create(
                {
                    "platform_id": self.platform.id,
                    "file": base64.b64encode((header + body).encode()),
                    "file_name": "ratings.csv",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "NUL"):
            run.action_import()

    def test_bad_rows_are_reported_and_nothing_is_imported(self):
        rows = [
            self._row(11),
            self._row(12, taskCode="NO-SUCH-ITEM"),
            self._row(13, satisfaction="9"),
            self._row(14, areaCode="999999"),
            self._row(15, assessTime="yesterday"),
            self._row(16, pf="42"),
        ]
        run = self._import(rows)
        self.assertEqual(run.state, "rejected")
        self.assertEqual(run.created_count, 0)
        self.assertEqual(run.rejected_count, 5)
        for row, reason in (
            (2, "NO-SUCH-ITEM"),
            (3, "satisfaction 9"),
            (4, "areaCode 999999"),
            (5, "assessTime yesterday"),
            (6, "pf=42"),
        ):
            self.assertIn(f"Row {row} rejected", run.report)
            self.assertIn(reason, run.report)
        self.assertFalse(
            self.env["gov.case"].search([("name", "like", "TEST-PROV-001")]),
            "the good row was not imported either",
        )
        self.assertFalse(
            self.env["gov.evaluation"].search(
                [("gov_source_ref", "like", "TEST-PROV/")]
            )
        )

    def test_a_batch_flags_what_every_check_on_every_rating_flags(self):
        """The import runs each fraud check only on the ratings its set query
        selects: on every other rating the check finds nothing that would change a
        signal, so the signals are those of the checks run on every rating."""
        paste = "这个窗口的服务真是太好了！！"
        rows = [
            # One text pasted on the cases of one item (the interface names no
            # staff: one window, none, gathers them).
            *(
                self._row(
                    30 + n,
                    writingEvaluation=paste,
                    certKey="",
                    mobile=f"1370000001{n}",
                    assessTime=f"2024-03-0{n + 1} 10:00:00",
                )
                for n in range(4)
            ),
            # One phone on three cases.
            *(
                self._row(
                    40 + n,
                    certKey="",
                    satisfaction="2",
                    mobile="13811112222",
                    writingEvaluation="",
                    assessTime=f"2024-03-1{n} 09:00:00",
                )
                for n in range(3)
            ),
            # Honest ratings.
            *(
                self._row(
                    50 + n,
                    certKey="",
                    mobile=f"1390000002{n}",
                    writingEvaluation="",
                    assessTime=f"2024-03-2{n} 15:00:00",
                )
                for n in range(5)
            ),
        ]
        run = self._import(rows, user=self.supervisor)
        self.assertEqual(run.state, "done", run.report)
        self.assertEqual(run.created_count, 12)
        ratings = run.evaluation_ids.sudo()
        flagged = {
            (signal.evaluation_id.case_id.name, signal.kind)
            for signal in ratings.signal_ids
        }
        for n in range(4):
            self.assertIn((f"TEST-PROV-{30 + n:04d}", "same_text"), flagged)
        for n in range(3):
            self.assertIn((f"TEST-PROV-{40 + n:04d}", "phone_reuse"), flagged)
        self.assertFalse(
            {name for name, __ in flagged if name >= "TEST-PROV-0050"},
            "no honest rating flagged",
        )
        Detector = self.env["gov.fraud.detector"]
        params = Detector._params()
        candidates = Detector._candidates(ratings, params)
        skipped = 0
        for rating in ratings:
            for name, selected in candidates.items():
                if rating.id in selected:
                    continue
                skipped += 1
                for finding in getattr(Detector, name)(rating, params):
                    scope = finding["scope"] or finding["members"]
                    self.assertFalse(finding["members"], (name, rating.case_id.name))
                    self.assertFalse(
                        scope.signal_ids.filtered(
                            lambda s, f=finding: s.kind == f["kind"]
                        ),
                        (name, rating.case_id.name),
                    )
        self.assertGreater(skipped, len(ratings), "most checks were not run")

    def test_a_refused_row_in_a_batch_is_found_and_named(self):
        bad_cert = EVALUATOR_CERT[:-1] + ("0" if EVALUATOR_CERT[-1] != "0" else "1")
        rows = [self._row(60 + n, mobile=f"1370000003{n}") for n in range(5)]
        rows[3]["certKey"] = bad_cert
        run = self._import(rows, user=self.supervisor)
        self.assertEqual(run.state, "rejected")
        self.assertEqual(run.rejected_count, 1)
        self.assertIn("Row 4 rejected: ", run.report)
        self.assertIn("ID number or credit code is not valid", run.report)
        self.assertFalse(
            self.env["gov.case"].search([("name", "like", "TEST-PROV-006")]),
            "nothing imported",
        )
        rows[3]["certKey"] = EVALUATOR_CERT
        again = self._import(rows, user=self.supervisor)
        self.assertEqual(again.state, "done", again.report)
        self.assertEqual(again.created_count, 5)
        self.assertEqual(
            sorted(again.evaluation_ids.mapped("gov_source_ref")),
            [f"TEST-PROV/TEST-PROV-{60 + n:04d}/1" for n in range(5)],
        )

    def test_csv_file_in_the_gbt_convention(self):
        platform = self.env["gov.platform"].create(
            {
                "name": "GB/T 平台",
                "code": "TEST-GBT",
                "platform_type": "provincial",
                "gov_level_convention": "gbt",
            }
        )
        header = "projectNo,taskCode,satisfaction,pf,assessTime,assessNumber\n"
        body = "TEST-GBT-1,TEST-ITEM-2,1,2,2024-03-21 09:30:00,1\n"
        body += "TEST-GBT-2,TEST-ITEM-2,5,2,2024-03-21 09:40:00,1\n"
        run = self.env["gov.exchange.import"].create(
            {
                "platform_id": platform.id,
                "file": base64.b64encode((header + body).encode()),
                "file_name": "ratings.csv",
            }
        )
        run.action_import()
        self.assertEqual(run.state, "done", run.report)
        levels = {e.case_id.name: e.level for e in run.evaluation_ids}
        self.assertEqual(levels, {"TEST-GBT-1": "5", "TEST-GBT-2": "1"})

    def test_outbox_delivers_exactly_once_across_a_failure(self):
        server = HTTPServer(("127.0.0.1", 0), _Receiver)
        server.requests, server.accepted = [], {}
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.platform.write(
            {
                "gov_push_enabled": True,
                "gov_push_url": f"http://127.0.0.1:{server.server_port}/ratings",
                "gov_level_convention": "gbt",
            }
        )
        evaluation = self._rate("5", 25)
        entry = evaluation.gov_outbox_ids
        self.assertEqual(len(entry), 1)
        Outbox = self.env["gov.exchange.outbox"]
        self.assertEqual(Outbox._cron_send(), 1)
        self.assertEqual(entry.state, "pending")
        self.assertEqual(entry.attempt_count, 1)
        self.assertEqual(entry.last_status, 503)
        self.assertEqual(Outbox._cron_send(), 0, "not due before its back-off")
        entry.next_attempt = "2000-01-01 00:00:00"
        self.assertEqual(Outbox._cron_send(), 1)
        self.assertEqual(entry.state, "sent")
        entry.next_attempt = "2000-01-01 00:00:00"
        self.assertEqual(Outbox._cron_send(), 0)
        entry.action_retry()
        self.assertEqual(Outbox._cron_send(), 0, "a sent rating is never sent again")
        self.assertEqual(server.requests, [entry.idempotency_key] * 2)
        self.assertEqual(list(server.accepted), [entry.idempotency_key])
        payload = server.accepted[entry.idempotency_key]
        self.assertEqual(payload["satisfaction"], "1", "GB/T: 1 = very satisfied")
        self.assertEqual(payload["evaluationId"], evaluation.name)
        # Queuing the same rating again for the platform is refused by the database.
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Outbox.create(
                {
                    "platform_id": self.platform.id,
                    "evaluation_id": evaluation.id,
                    "idempotency_key": "another",
                }
            )
