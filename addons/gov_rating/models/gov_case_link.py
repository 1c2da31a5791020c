import secrets
from datetime import timedelta

from odoo import api, fields, models

from .. import tools


class GovCaseLink(models.Model):
    """A single-use link to rate one case (一事一评), one per case and staff member,
    issued when the case is completed. Opening it never writes; the first submission
    rates, later ones (scanners re-posting, a second tap) only show that rating."""

    _name = "gov.case.link"
    _description = "Case Rating Link"
    _order = "id desc"
    _rec_name = "case_id"

    case_id = fields.Many2one(
        "gov.case", required=True, readonly=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one("hr.employee", string="Staff", readonly=True)
    token = fields.Char(
        required=True, readonly=True, copy=False, groups="base.group_system"
    )
    url = fields.Char(
        string="Link",
        compute="_compute_url",
        compute_sudo=True,
        groups="gov_rating.group_gov_supervisor",
    )
    date_expire = fields.Datetime(string="Valid Until", required=True, readonly=True)
    phone_key = fields.Char(
        readonly=True, index="btree_not_null", groups="base.group_system"
    )
    date_invited = fields.Datetime(string="SMS Invitation Sent", readonly=True)
    evaluation_id = fields.Many2one("gov.evaluation", string="Rating", readonly=True)
    second_evaluation_id = fields.Many2one("gov.evaluation", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("used", "Used"), ("expired", "Expired")],
        compute="_compute_state",
    )

    _sql_constraints = [
        ("token_unique", "unique(token)", "A link token is used once."),
    ]

    def _compute_url(self):
        for link in self:
            link.url = f"{link.get_base_url()}/gov/l/{link.token}"

    @api.depends("evaluation_id", "date_expire")
    def _compute_state(self):
        now = fields.Datetime.now()
        for link in self:
            if link.evaluation_id:
                link.state = "used"
            elif link.date_expire < now:
                link.state = "expired"
            else:
                link.state = "open"

    @api.model
    def _issue(self, cases):
        """One link per completed case and staff member who handled it, issued once:
        completing a case again issues (and sends) nothing for the staff it has
        links for; only a supervisor re-sends an invitation (``gov.case``)."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rating.link_valid_days", 15)
        )
        issued = {
            (link.case_id.id, link.employee_id.id)
            for link in self.sudo().search([("case_id", "in", cases.ids)])
        }
        vals_list = []
        for case in cases.sudo():
            phone_key = tools.identity_key(case.applicant_phone)
            for employee in case.employee_ids or [self.env["hr.employee"]]:
                if (case.id, employee.id) in issued:
                    continue
                vals_list.append(
                    {
                        "case_id": case.id,
                        "employee_id": employee.id,
                        "token": secrets.token_urlsafe(24),
                        "date_expire": case.date_done + timedelta(days=days),
                        "phone_key": phone_key,
                    }
                )
        return self.sudo().create(vals_list)

    @api.model
    def _find(self, token):
        if not isinstance(token, str) or not 16 <= len(token) <= 64:
            return self.browse()
        return self.sudo().search([("token", "=", token)], limit=1)

    def _second_evaluation_open(self):
        """Whether the citizen may now give the second evaluation (追评) of a bad
        review: once the bad review has been rectified. No rectification here."""
        return False

    def _page_mode(self):
        """'form' to rate, 'second' for the second evaluation, 'used' or 'expired'."""
        self.ensure_one()
        if self.state == "expired":
            return "expired"
        if self.state == "open":
            return "form"
        if (
            self.evaluation_id.is_bad
            and not self.second_evaluation_id
            and self._second_evaluation_open()
        ):
            return "second"
        return "used"

    def _submit(self, form, ip_address):
        """Rate through the link once. Returns the rating the link shows afterwards
        and whether this call created it; a repeated or stale submission creates
        nothing and returns the rating already given."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT id FROM gov_case_link WHERE id = %s FOR UPDATE", (self.id,)
        )
        self.invalidate_recordset()
        mode = self._page_mode()
        wanted = "second" if form.get("round") == "2" else "form"
        Public = self.env["gov.public.rating"]
        if mode == "expired":
            Public._refuse(self.env._("This link has expired."))
        if mode != wanted:
            return self.second_evaluation_id or self.evaluation_id, False
        vals = Public._parse_form(form, "online")
        vals.update(case_id=self.case_id.id, employee_id=self.employee_id.id)
        if mode == "second":
            first = self.evaluation_id.sudo()
            vals.update(
                assess_number="2",
                evaluator_name=first.evaluator_name,
                evaluator_cert=first.evaluator_cert,
                evaluator_phone=first.evaluator_phone,
            )
        channel = "sms" if self.date_invited else "pc"
        evaluation = Public._rate(channel, vals, ip_address=ip_address)
        field = "second_evaluation_id" if mode == "second" else "evaluation_id"
        self.sudo()[field] = evaluation
        return evaluation, True

    def _rate_by_reply(self, level, phone):
        """Rate the open links of a case from an SMS reply (a level only)."""
        Public = self.env["gov.public.rating"]
        evaluations = self.env["gov.evaluation"]
        for link in self.filtered(lambda x: x.state == "open"):
            evaluation = Public._rate(
                "sms",
                {
                    "level": level,
                    "case_id": link.case_id.id,
                    "employee_id": link.employee_id.id,
                    "evaluator_phone": phone,
                },
            )
            link.sudo().evaluation_id = evaluation
            evaluations |= evaluation
        return evaluations

    @api.model
    def _attach_ratings(self, evaluations):
        """Show the first rating of a case and staff member on their open links,
        whatever channel it came through: the link then rates no more (一事一评).
        A rating of the case as a whole closes every link of the case."""
        firsts = evaluations.filtered(lambda e: e.case_id and e.assess_number == "1")
        if not firsts:
            return
        links = self.sudo().search(
            [("case_id", "in", firsts.case_id.ids), ("evaluation_id", "=", False)]
        )
        by_case = {}
        for link in links:
            by_case.setdefault(link.case_id, []).append(link)
        for evaluation in firsts:
            staff = evaluation.employee_id
            for link in by_case.get(evaluation.case_id, ()):
                if not link.evaluation_id and (
                    not staff or not link.employee_id or link.employee_id == staff
                ):
                    link.evaluation_id = evaluation

    def _invite_by_sms(self):
        """Queue an SMS with the link to the applicant of each case, when SMS
        invitations are switched on and a gateway is configured."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("gov_rating.sms_invitation") != "True":
            return
        if not self.env["gov.sms.provider"]._current():
            return
        lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else self.env.lang
        vals_list = []
        for link in self.sudo().with_context(lang=lang):
            phone = link.case_id.applicant_phone
            if not phone:
                continue
            body = link.env._(
                "Your case %(case)s (%(item)s) is completed. Please rate our service: "
                "%(url)s or reply 1-5 (5 = very satisfied). At a counter code, rate "
                "it with the rating code %(code)s.",
                case=link.case_id.name,
                item=link.case_id.item_id.name,
                url=link.url,
                code=link.case_id.rating_code,
            )
            vals_list.append(
                {"number": phone, "body": body, "gov_case_link_id": link.id}
            )
        if vals_list:
            self.env["sms.sms"].sudo().create(vals_list)
            self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger()
