from datetime import timedelta

from odoo import Command, fields

from odoo.addons.gov_rating.tests.common import GovRatingCase, give_ratings


class RectifyCase(GovRatingCase):
    """The world and a second department: a window with two staff, a supervisor,
    a handler in each department, an appeal reviewer from each and a clerk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.params.set_param("gov_rectify.reply_days", 0)
        cls.region = cls.county
        cls.dept_a = cls.dept
        cls.dept_b = env["hr.department"].create(
            {"name": "测试信访局", "gov_public_service": True}
        )
        cls.window = env["gov.window"].create(
            {"name": "综合窗口", "hall_id": cls.hall.id, "department_id": cls.dept_a.id}
        )
        cls.item = env["gov.service.item"].create(
            {"name": "测试事项", "code": "T0001", "department_id": cls.dept_a.id}
        )
        cls.item_b = env["gov.service.item"].create(
            {"name": "信访事项", "code": "T0002", "department_id": cls.dept_b.id}
        )

        cls.supervisor = cls._user(
            "rf_supervisor",
            "gov_rating.group_gov_supervisor,gov_rating.group_gov_identity",
        )
        cls.handler = cls._user(
            "rf_handler", "gov_rating.group_gov_handler", cls.dept_a
        )
        cls.handler_b = cls._user(
            "rf_handler_b", "gov_rating.group_gov_handler", cls.dept_b
        )
        cls.reviewer = cls._user(
            "rf_reviewer", "gov_rectify.group_gov_rectify_reviewer", cls.dept_b
        )
        cls.reviewer_a = cls._user(
            "rf_reviewer_a", "gov_rectify.group_gov_rectify_reviewer", cls.dept_a
        )
        cls.clerk = cls._user("rf_clerk", "gov_rating.group_gov_clerk")
        cls.staff = env["hr.employee"].create(
            {
                "name": "窗口 周敏",
                "department_id": cls.dept_a.id,
                "gov_window_id": cls.window.id,
            }
        )
        cls.staff_b = env["hr.employee"].create(
            {"name": "窗口 吴刚", "department_id": cls.dept_b.id}
        )
        cls.params.set_param("gov_rectify.supervisor_id", cls.supervisor.id)
        cls.case_seq = 0

    @classmethod
    def _case(cls, employee=None, item=None):
        cls.case_seq += 1
        return cls.env["gov.case"].create(
            {
                "name": f"RF{cls.case_seq:06d}",
                "item_id": (item or cls.item).id,
                "hall_id": cls.hall.id,
                "window_id": cls.window.id,
                "employee_ids": [Command.set((employee or cls.staff).ids)],
                "applicant_name": "赵丽",
                "applicant_phone": "13800138000",
                "state": "done",
            }
        )

    @classmethod
    def _rate(cls, level="1", employee=None, case=None, **vals):
        """A rating as a citizen gives it (through the public routes, as sudo)."""
        employee = employee or cls.staff
        return give_ratings(
            cls.env,
            [
                {
                    "case_id": case.id if case else False,
                    "employee_id": employee.id,
                    "level": level,
                    "comment": "等了一个多小时",
                    **vals,
                }
            ],
            fraud_checks=False,
        )

    @classmethod
    def _rate_flagged(cls, level="1", employee=None, case=None):
        """A rating the fraud checks flag as suspect (a burst from one address)."""
        cls.env["ir.config_parameter"].sudo().set_param("gov_rating.burst_count", 1)
        return give_ratings(
            cls.env,
            [
                {
                    "case_id": case.id if case else False,
                    "employee_id": (employee or cls.staff).id,
                    "level": level,
                    "ip_address": "10.0.0.9",
                }
            ],
        )

    def _order_of(self, evaluation):
        return self.env["gov.rectify.order"].search(
            [("evaluation_id", "=", evaluation.id)]
        )

    def _bad_order(self, **vals):
        evaluation = self._rate(case=self._case(), **vals)
        return evaluation, self._order_of(evaluation)

    def _run_to(self, order, step):
        """Take an order along the path to ``step`` doing each step's work."""
        as_sup = order.with_user(self.supervisor)
        as_handler = order.with_user(self.handler)
        work = {
            "new": lambda: None,
            "verify": lambda: as_sup.write({"verification": "true"}),
            "transfer": lambda: as_sup.write(
                {"department_id": self.dept_a.id, "user_id": self.handler.id}
            ),
            "contact": lambda: as_handler.write({"contact_note": "电话联系了群众"}),
            "rectify": lambda: as_handler.write(
                {"rectify_kind": "immediate", "rectify_note": "当场补办"}
            ),
            "reply": lambda: as_handler.write({"reply_text": "已整改，感谢监督"}),
            "visit": lambda: self._visit(order),
        }
        while order.step != step:
            work[order.step]()
            who = as_sup if order.step in ("new", "verify", "transfer") else as_handler
            following = order._following_stages()[:1]
            if following.optional and following.step != step:
                who.action_skip_step()
            else:
                who.action_next_step()

    def _visit(self, order, satisfaction="4"):
        visit = (
            self.env["gov.rectify.visit"]
            .with_user(self.supervisor)
            .create(
                {
                    "order_id": order.id,
                    "outcome": "reached",
                    "rectified_confirmed": True,
                    "satisfaction": satisfaction,
                }
            )
        )
        visit.action_done()
        return visit

    @staticmethod
    def _past(days=1):
        return fields.Datetime.now() - timedelta(days=days)
