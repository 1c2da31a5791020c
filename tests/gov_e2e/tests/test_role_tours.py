import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.gov_rating.tests.common import give_ratings


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase):
    """Each role does its main task in the browser, logged in as its demo user
    (never as the administrator), from its own home page to the end. What a tour
    starts from is prepared here through the product's own paths: ratings through
    the gateway, work orders through their steps, as the users who do them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.clerk = ref("gov_rating.user_clerk")
        cls.handler = ref("gov_rating.user_handler")
        cls.supervisor = ref("gov_rating.user_supervisor")
        cls.manager = ref("gov_rating.user_manager")
        cls.reviewer = ref("gov_rectify.user_reviewer")
        cls.clerk_staff = cls.clerk.employee_ids[:1]
        cls.window = cls.clerk_staff.gov_window_id
        cls.colleague = cls.env["hr.employee"].search(
            [
                ("gov_window_id.hall_id", "=", cls.window.hall_id.id),
                ("id", "!=", cls.clerk_staff.id),
            ],
            limit=1,
        )
        cls.case_seq = 0

    @classmethod
    def _case(cls, staff, name=None):
        cls.case_seq += 1
        return cls.env["gov.case"].create(
            {
                "name": name or f"TOUR{cls.case_seq:06d}",
                "item_id": cls.env["gov.service.item"]
                .search([("department_id", "=", staff.department_id.id)], limit=1)
                .id
                or cls.env["gov.service.item"].search([], limit=1).id,
                "hall_id": staff.gov_window_id.hall_id.id,
                "window_id": staff.gov_window_id.id,
                "employee_ids": [Command.set(staff.ids)],
                "applicant_name": "赵丽",
                "applicant_phone": "13800138000",
                "state": "done",
                "date_done": fields.Datetime.now() - timedelta(hours=1),
            }
        )

    def _bad_order(self):
        """A bad review of the clerk's window: the work order it opens."""
        evaluation = give_ratings(
            self.env,
            [
                {
                    "case_id": self._case(self.clerk_staff).id,
                    "employee_id": self.clerk_staff.id,
                    "level": "1",
                    "comment": "材料退回三次",
                }
            ],
            fraud_checks=False,
        )
        return self.env["gov.rectify.order"].search(
            [("evaluation_id", "=", evaluation.id)]
        )

    def test_clerk_enters_a_paper_form_and_sees_their_rank(self):
        give_ratings(
            self.env,
            [
                {
                    "case_id": self._case(self.clerk_staff).id,
                    "employee_id": self.clerk_staff.id,
                    "level": "5",
                }
            ],
            fraud_checks=False,
        )
        case = self._case(self.colleague, name="TOUR-PAPER-1")
        self.start_tour("/odoo", "gov_clerk_paper_form", login="clerk")
        rating = self.env["gov.evaluation"].search([("case_id", "=", case.id)])
        self.assertEqual(rating.channel, "paper")
        self.assertEqual(rating.level, "4")
        self.assertEqual(rating.employee_id, self.colleague)
        self.assertEqual(rating.entered_by_id, self.clerk)
        self.assertTrue(base64.b64decode(rating.paper_attachment_id.datas))

    def test_handler_works_a_transferred_order_to_its_reply(self):
        order = self._bad_order()
        as_supervisor = order.with_user(self.supervisor)
        as_supervisor.write({"verification": "true"})
        as_supervisor.action_next_step()
        as_supervisor.action_next_step()
        as_supervisor.write({"department_id": self.window.department_id.id})
        as_supervisor.action_next_step()
        self.assertEqual(order.step, "contact")
        self.assertIn(self.handler.partner_id, order.message_partner_ids)
        self.start_tour(
            f"/odoo/action-gov_rectify.gov_rectify_order_action/{order.id}",
            "gov_handler_order",
            login="handler",
        )
        self.assertEqual(order.step, "visit")
        self.assertEqual(order.contact_note, "已电话联系群众，说明补正要求")
        self.assertEqual(order.rectify_kind, "immediate")
        self.assertFalse(order.leader_instruction, "the optional step was skipped")
        self.assertEqual(order.reply_text, "已一次性告知所需材料，窗口已整改")
        self.assertTrue(order.date_replied)

    def test_reviewer_decides_an_appeal(self):
        order = self._bad_order()
        order.with_user(self.supervisor).action_next_step()
        order.with_user(self.handler).write({"appeal_reason": "录音显示已一次告知"})
        order.with_user(self.handler).action_appeal()
        self.assertEqual(order.step, "appeal")
        self.start_tour("/odoo", "gov_reviewer_appeal", login="reviewer")
        self.assertEqual(order.appeal_state, "upheld")
        self.assertEqual(order.appeal_reviewer_id, self.reviewer)
        self.assertEqual(order.evaluation_id.validity, "invalid")

    def test_supervisor_reviews_a_cluster_and_publishes(self):
        self.env["ir.config_parameter"].sudo().set_param("gov_rating.burst_count", 2)
        burst = give_ratings(
            self.env,
            [
                {
                    "case_id": self._case(self.colleague).id,
                    "employee_id": self.colleague.id,
                    "level": "5",
                    "ip_address": "10.77.7.7",
                }
                for _i in range(3)
            ],
        )
        cluster = burst.sudo().signal_ids.cluster_id
        self.assertEqual(len(cluster), 1)
        month = self.env.ref("gov_publish.date_range_type_month")
        # This month: the demo's ratings and the burst's (left out once invalid).
        first = self.env.company._gov_today().replace(day=1)
        date_range = self.env["date.range"].create(
            {
                "name": "TOUR-THIS-MONTH",
                "type_id": month.id,
                "date_start": first,
                "date_end": fields.Date.end_of(first, "month"),
            }
        )
        period = (
            self.env["gov.publish.period"]
            .with_user(self.supervisor)
            .create({"date_range_id": date_range.id})
        )
        period.action_generate()
        period.request_validation()
        self.start_tour("/odoo", "gov_manager_approves_period", login="manager")
        self.assertEqual(period.validation_status, "validated")
        self.assertEqual(period.review_ids.done_by, self.manager)
        # A work order whose step is past its deadline: the home shows it too.
        late = self._bad_order()
        late.sudo().write({"date_deadline": fields.Datetime.now() - timedelta(days=1)})
        self.env["gov.rectify.order"]._cron_timers()
        overdue = self.env.ref("gov_rectify.gov_rectify_order_action_overdue")
        self.assertIn(
            late,
            self.env["gov.rectify.order"]
            .with_user(self.supervisor)
            .search(safe_eval(overdue.domain)),
        )
        self.start_tour("/odoo", "gov_supervisor_cluster_publish", login="supervisor")
        self.assertEqual(set(burst.mapped("validity")), {"invalid"})
        self.assertEqual(cluster.state, "invalid")
        self.assertEqual(cluster.reviewer_id, self.supervisor)
        self.assertEqual(period.state, "published")
        self.assertEqual(period.published_by_id, self.supervisor)

    def test_manager_saves_settings_builds_a_survey_generates_periods(self):
        self.start_tour("/odoo", "gov_manager_settings_survey_periods", login="manager")
        param = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(param("gov_rating.supplementary_days"), "9")
        survey = self.env["survey.survey"].search([("title", "=", "窗口服务回访问卷")])
        self.assertEqual(survey.create_uid, self.manager)
        self.assertEqual(survey.question_ids.mapped("title"), ["您对办理结果满意吗？"])
        periods = self.env["date.range"].search(
            [
                ("type_id", "=", self.env.ref("gov_publish.date_range_type_month").id),
                ("create_uid", "=", self.manager.id),
            ]
        )
        self.assertEqual(len(periods), 12)
        self.assertEqual(
            min(periods.mapped("date_start")),
            self.env.company._gov_today().replace(day=1),
        )
