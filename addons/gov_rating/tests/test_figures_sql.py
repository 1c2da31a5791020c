from unittest.mock import patch

from odoo import models
from odoo.tests import tagged
from odoo.tools import SQL

from .. import tools as gov_tools
from .common import GovRatingCase, give_ratings

# (model, field of gov.evaluation, hierarchical)
KINDS = [
    ("hr.employee", "employee_id", False),
    ("gov.window", "window_id", False),
    ("gov.hall", "hall_id", False),
    ("gov.service.item", "item_id", False),
    ("hr.department", "department_id", True),
    ("gov.region", "region_id", True),
]
COUNTED = SQL(
    "e.validity = 'valid' AND e.assess_number = '1' AND e.is_default IS NOT TRUE"
)


@tagged("post_install", "-at_install")
class TestFiguresAgainstSQL(GovRatingCase):
    """The figures of every kind of rated object, whichever way they are read (a
    few ids, or all rows of the kind with the tree rolled up in SQL), equal plain
    SQL counts over the same ratings, as the supervisor reads them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for level, staff in [
            (5, cls.staff),
            (4, cls.staff),
            (1, cls.staff),
            (2, cls.staff2),
            (5, cls.staff2),
            (3, cls.staff3),
        ]:
            cls.rate(level, staff=staff)
        # Ratings that do not count: a system default and a suspect one.
        cls.rate(3, staff=cls.staff2, is_default=True, channel="default")
        cls.rate(1, staff=cls.staff3).sudo().validity = "suspect"
        # A window rated without a staff member.
        give_ratings(cls.env, [{"window_id": cls.window2.id, "level": "2"}])
        cls.records = {
            "employee_id": cls.staff | cls.staff2 | cls.staff3,
            "window_id": cls.window | cls.window2,
            "hall_id": cls.hall,
            "item_id": cls.item | cls.item2,
            "department_id": cls.dept | cls.subdept | cls.other_dept,
            "region_id": cls.province | cls.city | cls.county,
        }

    def _direct(self, field, record, hierarchical):
        """(count, points, good, bad) of ``record`` by a plain SQL count."""
        if hierarchical:
            selected = SQL(
                "e.%s IN (SELECT id FROM %s WHERE parent_path LIKE %s)",
                SQL.identifier(field),
                SQL.identifier(record._table),
                f"{record.parent_path}%",
            )
        else:
            selected = SQL("e.%s = %s", SQL.identifier(field), record.id)
        self.env.flush_all()
        [row] = self.env.execute_query(
            SQL(
                """SELECT COUNT(*), COALESCE(SUM(e.points), 0),
                          COUNT(*) FILTER (WHERE e.level IN ('4', '5')),
                          COUNT(*) FILTER (WHERE e.level IN ('1', '2'))
                     FROM gov_evaluation e WHERE %s AND %s""",
                COUNTED,
                selected,
            )
        )
        return row

    def _direct_mean(self, field):
        [(mean,)] = self.env.execute_query(
            SQL(
                "SELECT AVG(e.points) FROM gov_evaluation e "
                "WHERE %s AND e.%s IS NOT NULL",
                COUNTED,
                SQL.identifier(field),
            )
        )
        return mean

    def _check(self, figures, field, records, hierarchical):
        for record in records:
            count, points, good, bad = self._direct(field, record, hierarchical)
            fig = figures[record.id]
            for key in ("count", "good", "bad"):
                self.assertIsInstance(fig[key], int, key)
            self.assertEqual(
                (fig["count"], fig["good"], fig["bad"]),
                (count, good, bad),
                f"{field} {record.display_name}",
            )
            self.assertAlmostEqual(fig["points"], points, places=4)

    def test_every_path_equals_sql(self):
        Evaluation = self.env["gov.evaluation"].with_user(self.user_supervisor)
        for model, field, hierarchical in KINDS:
            records = self.records[field]
            ids = (
                self.env[model].with_context(active_test=False).search([]).ids
                + records.ids
            )
            ids = list(dict.fromkeys(ids))
            paths = {}
            # A long id list becomes IS NOT NULL (all rows of the kind); a short
            # one stays an id list (child_of in a tree): both read the same.
            for name, many in (("all rows", 0), ("id list", 10**6)):
                with (
                    patch.object(gov_tools, "MANY_OBJECTS", many),
                    patch.object(gov_tools, "MANY_IN_TREE", many),
                ):
                    paths[name] = Evaluation._gov_object_figures(
                        field, ids, hierarchical, rank=True
                    )
                    alone = {
                        record.id: Evaluation._gov_object_figures(
                            field, record.ids, hierarchical
                        )[record.id]
                        for record in records
                    }
                self._check(paths[name], field, records, hierarchical)
                self._check(alone, field, records, hierarchical)
                self.assertNotIn("rank_score", alone[records[0].id])
            for object_id, fig in paths["all rows"].items():
                other = paths["id list"][object_id]
                self.assertEqual(fig.keys(), other.keys())
                for key, value in fig.items():
                    self.assertAlmostEqual(value, other[key], 9, f"{field} {key}")
            # The ranking score moves toward the plain mean of the kind.
            mean = self._direct_mean(field)
            for record in records:
                fig = paths["all rows"][record.id]
                self.assertAlmostEqual(
                    fig["rank_score"],
                    (5 * mean + fig["points"]) / (5 + fig["count"]),
                    places=6,
                )

    def test_supervisor_reads_the_sql_figures(self):
        for model, field, hierarchical in KINDS:
            records = self.records[field].with_user(self.user_supervisor)
            mean = self._direct_mean(field)
            for record in records:
                count, points, good, bad = self._direct(field, record, hierarchical)
                self.assertEqual(record.gov_rating_count, count, record.display_name)
                self.assertAlmostEqual(
                    record.gov_bad_rate, 100.0 * bad / count if count else 0.0, 2
                )
                self.assertAlmostEqual(
                    record.gov_index, (5 * 10 + points) / (5 + count), 2
                )
                self.assertAlmostEqual(
                    record.gov_rank_score, (5 * mean + points) / (5 + count), 2
                )
            if model != "hr.employee":
                continue
            ranking = (
                self.env[model]
                .with_user(self.user_supervisor)
                ._gov_ranking([("id", "in", records.ids)])
            )
            scores = [fig["rank_score"] for _record, fig in ranking]
            self.assertEqual(scores, sorted(scores, reverse=True))
            self.assertEqual({r for r, _fig in ranking}, set(records))


@tagged("post_install", "-at_install")
class TestRatingReportOrder(GovRatingCase):
    """The pivot and graph of the rating report: groups sorted after grouping, and
    date labels formatted once per month, come as Odoo's own way gives them (the
    database's sort by joined name, each group formatted on its own)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Named so that the order by name is not the order of creation.
        cls.dept_a = cls.env["hr.department"].create(
            {"name": "A 排序测试局", "gov_region_id": cls.county.id}
        )
        window = cls._window("排序测试窗口", "09", cls.hall, cls.dept_a)
        cls.staff_a = cls.env["hr.employee"].create(
            {
                "name": "Aaron 排序",
                "department_id": cls.dept_a.id,
                "gov_window_id": window.id,
            }
        )
        for level, staff in [(5, cls.staff), (1, cls.staff3), (4, cls.staff_a)]:
            cls.rate(level, staff=staff)

    def test_groups_sorted_like_the_database(self):
        Report = self.env["gov.rating.report"].with_user(self.user_supervisor)
        fields_ = ["rating_count:sum", "points:avg", "bad_rate:avg"]
        for groupby, orderby in [
            (["department_id", "date:month"], False),
            (["employee_id"], "employee_id desc"),
            (["date:month", "department_id"], "date:month desc,department_id"),
            (["level", "window_id"], False),
        ]:
            fast = Report.read_group([], fields_, groupby, orderby=orderby, lazy=False)
            # Odoo's own way: with a limit the groups come from the database's
            # sort, and each group's labels are formatted by Odoo's method.
            with patch.object(
                type(Report),
                "_read_group_format_result",
                models.BaseModel._read_group_format_result,
            ):
                slow = Report.read_group(
                    [], fields_, groupby, orderby=orderby, lazy=False, limit=10**6
                )
            self.assertEqual(fast, slow, groupby)
            self.assertTrue(fast, groupby)
        # The departments the supervisor sees come in their model's order (by
        # name), which is not the order of their ids here.
        ids = [
            group["department_id"][0]
            for group in Report.read_group(
                [], ["rating_count:sum"], ["department_id"], lazy=False
            )
            if group["department_id"]
        ]
        self.assertGreater(len(ids), 1)
        self.assertEqual(ids, self.env["hr.department"].search([("id", "in", ids)]).ids)
