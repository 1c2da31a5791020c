import base64
import json
from datetime import datetime

from odoo.tests import TransactionCase, tagged

from odoo.addons.gov_rating import guard
from odoo.addons.gov_rating.models.gov_case import NO_INVITATION

from .common import EVALUATOR_CERT, GovPublishCase

# What an import writes or changes: every row of these tables is compared.
TABLES = (
    "gov_case",
    "gov_case_hr_employee_rel",
    "gov_evaluation",
    "gov_evaluation_gov_tag_rel",
    "gov_fraud_signal",
    "gov_fraud_cluster",
    "gov_rectify_order",
    "gov_rectify_warning",
    "gov_exchange_outbox",
    "gov_case_link",
    "mail_message",
    "mail_followers",
    "mail_activity",
)
# Records of the run that are not compared, but pointed to.
RANKED = ("gov_exchange_import",)
# The messages on the import itself (its state is tracked: one message a file).
NOT_COMPARED = ("gov.exchange.import",)
# Columns set from the clock or at random when a row is written, not from the data.
WRITING = {
    "create_date",
    "write_date",
    "gov_case.rating_code",
    "gov_case.date_received",
    "gov_case.date_done",
    "gov_rectify_order.date_open",
    "gov_rectify_order.date_stage",
    "mail_message.date",
    "mail_message.message_id",
}
# The records whose rows point to a new record by model name and id.
BY_MODEL = {"res_model": "res_id", "model": "res_id"}


@tagged("post_install", "-at_install")
class TestExchangeBulk(GovPublishCase, TransactionCase):
    """The import writes its cases and ratings in SQL, one insert per table; the
    ORM's ``create`` of the same batch gives the very same rows, work orders,
    fraud signals, clusters and messages (none per row)."""

    mail_under_test = True
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.platform = cls.env["gov.platform"].create(
            {"name": "批量省平台", "code": "BULK-PROV", "platform_type": "provincial"}
        )
        cls.staff_good.gov_staff_code = "BULK-S1"
        cls.staff_bad.gov_staff_code = "BULK-S2"

    # ----------------------------------------------------------------- helpers
    def _row(self, number, **extra):
        row = {
            "projectNo": f"BULK-{number:04d}",
            "taskCode": "TEST-ITEM-1",
            "satisfaction": "5",
            "pf": "2",
            "assessTime": f"2024-03-{10 + number % 15:02d} 1{number % 10}:00:00",
            "assessNumber": "1",
            "writingEvaluation": "",
            "anonymityFlag": "2",
            "publicFlag": "1",
            "userProp": "1",
            "userName": "批量测评人",
            "mobile": f"1370000{number:04d}",
        }
        row.update(extra)
        return row

    def _rows(self):
        paste = "这个窗口的服务真是太好了！！"
        return [
            # One text pasted on four cases.
            *(
                self._row(n, writingEvaluation=paste, anonymityFlag="1")
                for n in range(1, 5)
            ),
            # One phone on three cases, bad reviews of the other item.
            *(
                self._row(
                    n, satisfaction="1", taskCode="TEST-ITEM-2", mobile="13811112222"
                )
                for n in range(5, 8)
            ),
            # One identity twice within a day.
            self._row(8, certKey=EVALUATOR_CERT, assessTime="2024-03-20 09:00:00"),
            self._row(9, certKey=EVALUATOR_CERT, assessTime="2024-03-20 11:00:00"),
            # Honest ratings, a company's among them, one not to be published.
            self._row(10, userProp="2", satisfaction="3", writingEvaluation="一般"),
            self._row(11, publicFlag="2", writingEvaluation="很好，谢谢"),
            self._row(12, satisfaction="2", writingEvaluation="等了很久"),
        ]

    def _snapshot(self, before):
        """Every row of ``TABLES`` without the columns of ``WRITING``; the ids of
        the rows made since ``before`` (the highest id of each table) replaced by
        their rank among them, wherever they appear (columns pointing to them,
        references naming them)."""
        env, cr = self.env, self.env.cr
        # What is written at the commit too (the messages of tracked changes).
        cr.precommit.run()
        env.flush_all()
        ranks, names = {}, {}
        for table in (*TABLES, *RANKED):
            if table in before:
                cr.execute(  # pylint: disable=sql-injection
                    f"SELECT id FROM {table} WHERE id > %s ORDER BY id",
                    [before[table]],
                )
                ranks[table] = {
                    id_: f"{table}#{n}" for n, (id_,) in enumerate(cr.fetchall())
                }
        for table in ("gov_evaluation", "gov_fraud_cluster", "gov_rectify_order"):
            cr.execute(  # pylint: disable=sql-injection
                f"SELECT id, name FROM {table} WHERE id = ANY(%s)",
                [list(ranks[table])],
            )
            names.update({name: ranks[table][id_] for id_, name in cr.fetchall()})
        cr.execute(
            """
            SELECT cl.relname, a.attname, ref.relname
              FROM pg_constraint c
              JOIN pg_class cl ON cl.oid = c.conrelid
              JOIN pg_class ref ON ref.oid = c.confrelid
              JOIN pg_attribute a ON a.attrelid = c.conrelid
                                 AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND cl.relname = ANY(%s)
            """,
            [list(TABLES)],
        )
        pointing = {(table, column): ref for table, column, ref in cr.fetchall()}
        tables_of = {
            model: env[model]._table
            for model in (
                "gov.case",
                "gov.evaluation",
                "gov.rectify.order",
                "gov.exchange.import",
            )
        }

        def value(table, column, row, raw):
            if column == "id" and table in ranks:
                return ranks[table].get(raw, raw)
            target = pointing.get((table, column))
            if column == "res_id":
                model = row.get("model") or row.get("res_model")
                target = tables_of.get(model)
            if target in ranks and raw in ranks[target]:
                return ranks[target][raw]
            if isinstance(raw, str):
                for name, rank in names.items():
                    raw = raw.replace(name, rank)
            return raw

        snapshot = {}
        for table in TABLES:
            cr.execute(f"SELECT * FROM {table}")  # pylint: disable=sql-injection
            columns = [d.name for d in cr.description]
            rows = []
            for record in cr.fetchall():
                row = dict(zip(columns, record, strict=True))
                if row.get("model") in NOT_COMPARED:
                    continue
                rows.append(
                    tuple(
                        (column, value(table, column, row, raw))
                        for column, raw in row.items()
                        if column not in WRITING and f"{table}.{column}" not in WRITING
                    )
                )
            snapshot[table] = sorted(rows, key=repr)
        return snapshot

    def _highest_ids(self):
        highest = {}
        for table in (*TABLES, *RANKED):
            if not table.endswith("_rel"):
                self.env.cr.execute(f"SELECT max(id) FROM {table}")  # pylint: disable=sql-injection
                highest[table] = self.env.cr.fetchone()[0] or 0
        return highest

    def _both_ways(self, make):
        """The snapshots after ``make(bulk)`` in SQL and through the ORM, each
        rolled back."""
        self.env.flush_all()
        before = self._highest_ids()
        snapshots = []
        for bulk in (True, False):
            self.env.cr.execute("SAVEPOINT bulk_or_orm")
            make(bulk)
            snapshots.append(self._snapshot(before))
            self.env.cr.execute("ROLLBACK TO SAVEPOINT bulk_or_orm")
            self.env.invalidate_all()
        return snapshots

    def _assert_same(self, sql, orm):
        for table in TABLES:
            only_sql = [row for row in sql[table] if row not in orm[table]]
            only_orm = [row for row in orm[table] if row not in sql[table]]
            self.assertEqual(
                (len(sql[table]), only_sql, only_orm),
                (len(orm[table]), [], []),
                f"{table}: rows only in SQL, only through the ORM",
            )

    # ------------------------------------------------------------------ tests
    def test_a_file_imported_in_sql_writes_what_the_orm_writes(self):
        """A supervisor (who imports: the access policy) imports one file; the
        batch written in SQL and the same batch through ``create`` leave every
        table the same."""
        rows = self._rows()
        data = base64.b64encode(json.dumps(rows, ensure_ascii=False).encode())
        Import = self.env["gov.exchange.import"].with_user(self.supervisor)

        def run_import(bulk):
            run = Import.create(
                {"platform_id": self.platform.id, "file": data, "file_name": "f.json"}
            )
            if bulk:
                run.action_import()
                self.assertEqual(run.state, "done", run.report)
                self.assertEqual(run.created_count, len(rows))
                return
            entries, rejected, __ = run._prepare_entries(rows)
            self.assertFalse(rejected)
            entries.sort(key=lambda entry: entry["assess_number"])
            with guard.allowed(NO_INVITATION):
                run._import_entries(entries, bulk=False)

        sql, orm = self._both_ways(run_import)
        self._assert_same(sql, orm)
        new = {
            table: [row for row in rows if str(dict(row).get("id")).startswith(table)]
            for table, rows in sql.items()
            if table in ("gov_evaluation", "gov_fraud_signal", "gov_rectify_order")
        }
        self.assertEqual(len(new["gov_evaluation"]), len(rows))
        kinds = {dict(row)["kind"] for row in new["gov_fraud_signal"]}
        self.assertGreaterEqual(kinds, {"same_text", "phone_reuse", "duplicate"})
        self.assertEqual(len(new["gov_rectify_order"]), 4, "one per bad review")
        self.assertFalse(
            [
                row
                for row in sql["mail_message"]
                if dict(row)["model"] in ("gov.case", "gov.evaluation")
                and str(dict(row)["res_id"]).startswith("gov_")
            ],
            "no message per case or rating",
        )

    def test_cases_with_staff_and_ratings_with_tags_in_sql_as_through_the_orm(self):
        """The pushed cases' staff (a many2many) and the ratings' tags, a staff
        member named, a rating without a case, one address for the batch."""
        tags = self.env["gov.tag.set"]._active_for("counter").tag_ids
        good = tags.filtered(lambda t: "5" in t.level_ids.mapped("value"))[:2]
        bad = tags.filtered(lambda t: "1" in t.level_ids.mapped("value"))[:1]
        self.assertTrue(good and bad, "the tag set has tags for both ends")
        payloads = [
            {
                "projectNo": f"BULK-C{n}",
                "taskCode": "TEST-ITEM-1",
                "windowCode": "T1",
                "staffCodes": ["BULK-S1", "BULK-S2"] if n % 2 else ["BULK-S1"],
                "mobile": f"1390000{n:04d}",
                "certKey": EVALUATOR_CERT if n == 3 else None,
                "proStatus": "done",
            }
            for n in range(1, 5)
        ]
        # As the import pushes its cases: no tracking.
        Case = (
            self.env["gov.case"]
            .with_user(self.supervisor)
            .sudo()
            .with_context(tracking_disable=True)
        )
        Evaluation = self.env["gov.evaluation"].with_user(self.supervisor)

        def make(bulk):
            with guard.allowed(NO_INVITATION):
                cases = [
                    case
                    for case, error in Case._api_upsert_many(
                        self.platform, payloads, bulk=bulk
                    )
                    if not error
                ]
            self.assertEqual(len(cases), 4)
            vals_list = [
                {
                    "case_id": cases[0].id,
                    "employee_id": self.staff_good.id,
                    "level": "5",
                    "tag_ids": [(6, 0, good.ids)],
                    "comment": "态度很好",
                },
                {"case_id": cases[1].id, "level": "5", "tag_ids": [(4, good[0].id)]},
                {
                    "case_id": cases[2].id,
                    "level": "1",
                    "tag_ids": [(6, 0, bad.ids)],
                    "evaluator_phone": "13912340000",
                },
                {
                    "case_id": cases[3].id,
                    "level": "4",
                    "evaluator_cert": EVALUATOR_CERT,
                },
                {
                    "window_id": self.window_bad.id,
                    "level": "2",
                    "comment": "态度很好",
                    "evaluator_phone": "13912340001",
                },
            ]
            Evaluation._gateway_create(
                ["app", "qr", "pc", "app", "terminal"],
                vals_list,
                date=[datetime(2024, 3, 12, 9, n) for n in range(5)],
                ip_address="10.9.8.7",
                bulk=bulk,
            )

        sql, orm = self._both_ways(make)
        self._assert_same(sql, orm)
        new_tags = [r for r in sql["gov_evaluation_gov_tag_rel"] if "#" in repr(r)]
        self.assertEqual(len(new_tags), 4)
        new_staff = [r for r in sql["gov_case_hr_employee_rel"] if "#" in repr(r)]
        self.assertEqual(len(new_staff), 6)
