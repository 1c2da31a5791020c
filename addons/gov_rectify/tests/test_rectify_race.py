import threading
from concurrent.futures import ThreadPoolExecutor

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name

THREADS = 8


@tagged("post_install", "-at_install")
class TestConcurrentBadReviews(BaseCase):
    """Citizens giving one staff member a bad review at the same moment, each in
    their own transaction: every review is kept, with its work order, and the
    month's warning is raised once. The data is committed, then removed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_committed_data)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            department = env["hr.department"].create({"name": "并发测试局"})
            cls.department_id = department.id
            cls.staff_id = (
                env["hr.employee"]
                .create({"name": "并发 测试员", "department_id": department.id})
                .id
            )
            cls.rule_id = (
                env["gov.rectify.warning.rule"]
                .create(
                    {
                        "name": "并发测试：一票即预警",
                        "subject": "employee",
                        "period": "month",
                        "level": "3",
                        "threshold": 1,
                        "action": "caution",
                    }
                )
                .id
            )

    @classmethod
    def _remove_committed_data(cls):
        staff_id = getattr(cls, "staff_id", None)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if staff_id:
                evaluations = env["gov.evaluation"].search(
                    [("employee_id", "=", staff_id)]
                )
                env["gov.rectify.order"].search(
                    [("evaluation_id", "in", evaluations.ids)]
                ).unlink()
                env["gov.rectify.warning"].search(
                    [("employee_id", "=", staff_id)]
                ).unlink()
                if evaluations:
                    cls._delete_ratings(env, evaluations)
                env["hr.employee"].browse(staff_id).unlink()
            if getattr(cls, "rule_id", None):
                env["gov.rectify.warning.rule"].browse(cls.rule_id).unlink()
            if getattr(cls, "department_id", None):
                env["hr.department"].browse(cls.department_id).unlink()

    @classmethod
    def _delete_ratings(cls, env, evaluations):
        """Ratings are never deleted, not even in SQL: the test lifts the guard
        for its own rows only, within its cleanup transaction."""
        ids = tuple(evaluations.ids)
        env["mail.message"].search(
            [("model", "=", "gov.evaluation"), ("res_id", "in", ids)]
        ).unlink()
        env["mail.followers"].search(
            [("res_model", "=", "gov.evaluation"), ("res_id", "in", ids)]
        ).unlink()
        cr = env.cr
        if "gov.exchange.outbox" in env:
            cr.execute(
                "DELETE FROM gov_exchange_outbox WHERE evaluation_id IN %s", [ids]
            )
        cr.execute("DELETE FROM gov_fraud_signal WHERE evaluation_id IN %s", [ids])
        cr.execute("ALTER TABLE gov_evaluation DISABLE TRIGGER gov_evaluation_protect")
        cr.execute("DELETE FROM gov_evaluation WHERE id IN %s", [ids])
        cr.execute("ALTER TABLE gov_evaluation ENABLE TRIGGER gov_evaluation_protect")

    def _submit(self, barrier, number):
        """One citizen's bad review through the public rating channel."""
        with self.registry.cursor() as cr:
            # The test runner holds the registry lock: hand the registry over
            # rather than look it up, and queue mail instead of sending it after
            # the commit (which would look the registry up).
            cr.transaction = Transaction(self.registry)
            env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
            public = env.ref("base.public_user")
            env = env(user=public, su=False)
            barrier.wait(timeout=60)
            evaluation = env["gov.public.rating"]._rate(
                "qr",
                {
                    "employee_id": self.staff_id,
                    "level": "1",
                    "comment": f"第{number}位：等了很久",
                },
            )
            return evaluation.id

    def test_simultaneous_bad_reviews_are_all_kept(self):
        barrier = threading.Barrier(THREADS)
        with ThreadPoolExecutor(max_workers=THREADS) as executor:
            futures = [
                executor.submit(self._submit, barrier, n) for n in range(THREADS)
            ]
            ids = [future.result(timeout=120) for future in futures]
        self.assertEqual(len(set(ids)), THREADS)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            evaluations = env["gov.evaluation"].search(
                [("employee_id", "=", self.staff_id)]
            )
            self.assertEqual(sorted(evaluations.ids), sorted(ids), "no 差评 lost")
            orders = env["gov.rectify.order"].search(
                [("evaluation_id", "in", evaluations.ids)]
            )
            self.assertEqual(orders.evaluation_id, evaluations, "each has its order")
            warnings = env["gov.rectify.warning"].search(
                [("employee_id", "=", self.staff_id), ("period", "=", "month")]
            )
            self.assertEqual(len(warnings), 1, "the month's warning is raised once")
            self.assertEqual(warnings.rule_id.id, self.rule_id)
