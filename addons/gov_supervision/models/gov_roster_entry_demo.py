from odoo import api, models


class GovRosterEntry(models.Model):
    """Demo data of the public roster, suggestions and assessments, built from the
    demo windows of gov_rating; called only from demo/gov_roster_demo.xml."""

    _inherit = "gov.roster.entry"

    @api.model
    def _generate_roster_demo(self):
        """Demo: three units with their leader and window staff on the roster, a few
        roster ratings, suggestions and third-party assessments."""
        windows = self.env["gov.window"].search([], order="id", limit=8)
        units = windows.department_id.sorted("id")[:3]
        duties = {
            0: "负责企业登记注册、食品经营许可审批，分管政务服务窗口。",
            1: "负责户籍、出入境证件和居民身份证业务，分管窗口作风建设。",
            2: "负责社会保险、就业服务业务办理，分管社保待遇审核。",
        }
        entries = self.browse()
        for n, unit in enumerate(units):
            leader = self.env["hr.employee"].create(
                {
                    "name": ("陈建国", "林秀英", "郭明华")[n],
                    "job_title": "局长" if n != 1 else "副局长",
                    "department_id": unit.id,
                    "private_phone": f"1390000100{n}",
                    "identification_id": ("520102197001010017", "52010219750505002X")[
                        n % 2
                    ],
                    "private_email": f"leader{n}@example.com",
                }
            )
            staff = windows.filtered(
                lambda w, u=unit: w.department_id == u
            ).employee_ids
            self.create(
                {
                    "entry_type": "unit",
                    "department_id": unit.id,
                    "responsibilities": duties[n],
                    "is_published": True,
                }
            )
            for k, employee in enumerate(leader | staff[:3]):
                employee.private_phone = employee.private_phone or f"1380000{n}{k:03d}"
                entries |= self.create(
                    {
                        "employee_id": employee.id,
                        "job_title": employee.job_title or "窗口工作人员",
                        "responsibilities": duties[n]
                        if employee == leader
                        else "负责本窗口政务服务事项的受理、审核和办结。",
                        "is_published": not (n == 2 and k == 3),
                        "publish_name": not (n == 1 and k == 2),
                        "sequence": k,
                    }
                )
        reasons = [
            ("5", "5", "5", "办事热情周到，一次就办好了"),
            ("4", "5", "4", "指引清楚，效率高"),
            ("2", "3", "3", "电话一直打不通，等了很久才回复"),
            ("5", "4", "5", "主动上门服务，作风扎实"),
            ("1", "2", "2", "推诿扯皮，让我跑了三趟"),
            ("4", "4", "3", "整体不错，材料说明可以更清楚"),
        ]
        for n, (attitude, efficiency, conduct, reason) in enumerate(reasons):
            entries[n * 2 % len(entries)]._roster_rate(
                {
                    "attitude": attitude,
                    "efficiency": efficiency,
                    "conduct": conduct,
                    "reason": reason,
                    "identity": "named" if n % 3 == 0 else "anonymous",
                    "name": "市民" + "甲乙丙丁戊己"[n],
                    "phone": f"1370000{n:04d}",
                },
                f"203.0.113.{n + 10}",
            )
        hall = windows.hall_id[:1]
        self.env["gov.suggestion"].create(
            [
                {
                    "source": "paper",
                    "subject": "建议增加周末值班窗口",
                    "content": "上班族工作日请假不便，建议大厅周六上午开放综合窗口。",
                    "hall_id": hall.id,
                    "department_id": hall.department_id.id or units[0].id,
                },
                {
                    "source": "phone",
                    "subject": "办事指南材料清单与窗口要求不一致",
                    "content": "网上办事指南写需要两份复印件，窗口要求三份。",
                    "department_id": units[0].id,
                    "contact_name": "刘女士",
                    "contact_phone": "13700001111",
                    "state": "done",
                    "handling_note": "已核实并统一办事指南，窗口按指南执行。",
                    "is_published": True,
                },
                {
                    "source": "mail",
                    "subject": "希望提供帮办代办服务",
                    "content": "老年人不会使用自助终端，希望安排专人帮办。",
                    "window_id": windows[1].id,
                    "state": "handling",
                },
            ]
        )
        today = self.env.company._gov_today()
        start = today.replace(month=1, day=1)
        self.env["gov.assessment"].create(
            [
                {
                    "assessor": "省统计局社情民意调查中心",
                    "object_type": "department",
                    "department_id": units[0].id,
                    "date_from": start,
                    "date_to": today,
                    "score": 92.5,
                    "findings": "群众满意度较高；部分事项办理时限仍可压缩。",
                    "is_published": True,
                },
                {
                    "assessor": "第三方评估机构（政务服务效能评估）",
                    "object_type": "hall",
                    "hall_id": hall.id,
                    "date_from": start,
                    "date_to": today,
                    "score": 88.0,
                    "findings": "导办服务到位；高峰时段等候时间偏长。",
                },
                {
                    "assessor": "社会各界综合评议组",
                    "object_type": "staff",
                    "employee_id": entries[1].employee_id.id,
                    "date_from": start,
                    "date_to": today,
                    "score": 95.0,
                    "findings": "服务规范，群众评价好。",
                },
            ]
        )
