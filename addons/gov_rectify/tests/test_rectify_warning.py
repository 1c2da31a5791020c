from datetime import date, datetime

from odoo.tests import tagged

from .common import RectifyCase


@tagged("post_install", "-at_install")
class TestRectifyWarning(RectifyCase):
    def _warnings(self, **domain):
        return self.env["gov.rectify.warning"].search(
            [(k, "=", v) for k, v in domain.items()]
        )

    def test_monthly_thresholds_fire_exactly(self):
        for _n in range(9):
            self._rate(level="2")
        self.assertFalse(self._warnings(employee_id=self.staff.id), "9 votes: none")
        self._rate(level="2")
        warning = self._warnings(employee_id=self.staff.id)
        self.assertEqual(len(warning), 1, "the 10th vote raises level III")
        self.assertEqual(warning.level, "3")
        self.assertEqual(warning.action, "caution")
        self.assertEqual(warning.period, "month")
        self.assertEqual(warning.vote_count, 10)
        unit = self._warnings(department_id=self.dept_a.id, subject="department")
        self.assertEqual(unit.level, "3", "the unit is warned too")
        # Running the daily job again raises nothing new.
        self.env["gov.rectify.warning"]._cron_warnings()
        self.assertEqual(len(self._warnings(employee_id=self.staff.id)), 1)
        for _n in range(9):
            self._rate(level="1")
        self.assertEqual(len(self._warnings(employee_id=self.staff.id)), 1)
        self._rate(level="1")
        levels = self._warnings(employee_id=self.staff.id).mapped("level")
        self.assertEqual(sorted(levels), ["2", "3"], "20 votes: level II (talk)")
        talk = self._warnings(employee_id=self.staff.id, level="2")
        self.assertEqual(talk.action, "talk")
        talk.with_user(self.supervisor).write({"action_note": "已约谈"})
        talk.with_user(self.supervisor).action_done()
        self.assertEqual(talk.state, "done")

    def test_thresholds_are_settings(self):
        self.env.ref("gov_rectify.warning_rule_month_3").threshold = 3
        self.params.set_param("gov_rectify.warning_only_dissatisfied", "True")
        for _n in range(5):
            self._rate(level="1", employee=self.staff_b)
        self.assertFalse(
            self._warnings(employee_id=self.staff_b.id),
            "very dissatisfied votes do not count when so configured",
        )
        for _n in range(3):
            self._rate(level="2", employee=self.staff_b)
        warning = self._warnings(employee_id=self.staff_b.id)
        self.assertEqual(warning.level, "3")
        self.assertEqual(warning.vote_count, 3)

    def test_invalid_ratings_do_not_count(self):
        self.env.ref("gov_rectify.warning_rule_month_3").threshold = 2
        suspect = self._rate_flagged(level="2", employee=self.staff_b)
        self.assertEqual(suspect.validity, "suspect")
        self._rate(level="2", employee=self.staff_b)
        self.assertFalse(self._warnings(employee_id=self.staff_b.id))

    def test_last_two_months_running_is_summoned(self):
        Warning = self.env["gov.rectify.warning"]
        good_window = self.env["gov.window"].create(
            {
                "name": "优质窗口",
                "hall_id": self.hall.id,
                "department_id": self.dept_b.id,
            }
        )
        good_staff = self.env["hr.employee"].create(
            {"name": "窗口 孙悦", "gov_window_id": good_window.id}
        )
        for month in (10, 11):
            for day in (3, 4):
                self._rate(level="1", date=datetime(2035, month, day, 2, 0))
                self._rate(
                    level="5",
                    employee=good_staff,
                    date=datetime(2035, month, day, 2, 0),
                )
        december = date(2035, 12, 5)
        self.assertFalse(Warning._compute_ranking_summons(december), "off by default")
        self.params.set_param("gov_rectify.ranking_summons", "True")
        summons = Warning._compute_ranking_summons(december)
        self.assertEqual(summons.window_id, self.window)
        self.assertEqual(summons.action, "summons")
        self.assertEqual(summons.period_start, date(2035, 11, 1))
        self.assertFalse(Warning._compute_ranking_summons(december), "raised once")
        self.assertFalse(
            Warning._compute_ranking_summons(date(2036, 1, 5)),
            "not last two months running (no rating in December)",
        )
