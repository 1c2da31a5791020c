from freezegun import freeze_time

from odoo.tests import tagged

from .common import RectifyCase

COMPARED = (
    "step",
    "source",
    "department_id",
    "employee_id",
    "case_id",
    "description",
    "visit_required",
    "date_open",
    "date_stage",
    "date_deadline",
    "date_warning",
    "supervisor_id",
)


@tagged("post_install", "-at_install")
class TestRectifyBatch(RectifyCase):
    """Work orders for many bad reviews are opened together, as they would be
    one by one, with queries that do not grow with their number."""

    mail_under_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept_a.manager_id = cls.handler.employee_ids[:1]
        # The first step is due in one working day.
        cls.env.ref("gov_rectify.stage_new").write(
            {"deadline_days": 1, "deadline_type": "working"}
        )

    def _ratings_without_orders(self, count):
        """Bad reviews whose work orders are not opened yet."""
        ratings = self.env["gov.evaluation"]
        for _i in range(count):
            ratings |= self._rate(case=self._case())
        self.env["gov.rectify.order"].sudo().search(
            [("evaluation_id", "in", ratings.ids)]
        ).unlink()
        return ratings

    def _open(self, ratings):
        return (
            self.env["gov.rectify.order"]
            .with_user(self.supervisor)
            .create([{"evaluation_id": rating.id} for rating in ratings])
        )

    def _queries(self, ratings):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._open(ratings)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    @freeze_time("2026-12-03 02:00:00")
    def test_batch_gives_the_orders_of_one_by_one(self):
        ratings = self._ratings_without_orders(6)
        together = self._open(ratings[:3])
        alone = self.env["gov.rectify.order"]
        for rating in ratings[3:]:
            alone |= self._open(rating)
        self.assertEqual(len(together), 3)
        for one, other in zip(together, alone, strict=True):
            self.assertEqual(
                {f: one[f] for f in COMPARED if f not in ("case_id", "employee_id")},
                {f: other[f] for f in COMPARED if f not in ("case_id", "employee_id")},
            )
        self.assertTrue(all(together.mapped("date_deadline")))
        self.assertEqual(len(set((together | alone).mapped("name"))), 6)
        # The first step is the supervisor's: they find a to-do for each order,
        # due when its step is due.
        todos = (
            self.env["mail.activity"]
            .with_user(self.supervisor)
            .search(
                [
                    ("res_model", "=", "gov.rectify.order"),
                    ("res_id", "in", (together | alone).ids),
                ]
            )
        )
        self.assertEqual(len(todos), 6)
        self.assertEqual(todos.user_id, self.supervisor)

    def test_queries_do_not_grow_with_the_number_of_orders(self):
        # Counted on orders nobody is assigned yet: a handler is still told of
        # each to-do by its own e-mail, as Odoo notifies every activity.
        self.dept_a.manager_id = False
        # All ratings first: making them clears caches the orders then fill.
        warm, single, several = (
            self._ratings_without_orders(1),
            self._ratings_without_orders(1),
            self._ratings_without_orders(8),
        )
        self._open(warm)
        one = self._queries(single)
        many = self._queries(several)
        # Eight orders take no more queries than one (the first may still read an
        # access rule the warm-up did not need).
        self.assertLessEqual(many, one)
