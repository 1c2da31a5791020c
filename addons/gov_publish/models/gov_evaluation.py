from odoo import api, fields, models

from odoo.addons.gov_rating import tools as gov_tools
from odoo.addons.gov_rating.models.gov_evaluation import PF_CODES


class GovEvaluation(models.Model):
    _inherit = "gov.evaluation"

    gov_source_ref = fields.Char(
        string="Source Reference",
        readonly=True,
        copy=False,
        index=True,
        help="Key of a rating imported from a provincial platform: importing it "
        "again creates nothing.",
    )
    gov_import_id = fields.Many2one(
        "gov.exchange.import",
        string="Import File",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The platform file this rating was imported from.",
    )
    gov_outbox_ids = fields.One2many(
        "gov.exchange.outbox", "evaluation_id", string="Pushes", readonly=True
    )

    _sql_constraints = [
        (
            "gov_source_ref_unique",
            "unique(gov_source_ref)",
            "This rating has been imported already.",
        ),
    ]

    def _on_created(self):
        res = super()._on_created()
        # Ratings imported from a platform are not sent back out.
        self.env["gov.exchange.outbox"].sudo()._enqueue(
            self.filtered(lambda e: not e.gov_source_ref)
        )
        return res

    # ---------------------------------------------------------------- export
    @api.model
    def _gov_export_identity_mode(self):
        """'full' for identity readers, 'masked' for handlers, 'none' for staff
        (who never learn who rated them)."""
        user = self.env.user
        if self.env.su or user.has_group("gov_rating.group_gov_identity"):
            return "full"
        if user.has_group("gov_rating.group_gov_handler"):
            return "masked"
        return "none"

    def _gov_evaluator_label(self, mode):
        self.ensure_one()
        evaluation = self.sudo()
        if mode == "none":
            return ""
        if evaluation.anonymous:
            return self.env._("Anonymous")
        if mode == "masked":
            return evaluation.evaluator_masked or ""
        parts = [
            evaluation.evaluator_name,
            evaluation.evaluator_phone,
            evaluation.evaluator_cert,
        ]
        return " ".join(p for p in parts if p)

    @api.model
    def _gov_export_header(self):
        return [
            self.env._("Reference"),
            self.env._("Date"),
            self.env._("Level"),
            self.env._("Channel"),
            self.env._("Case Number"),
            self.env._("Service Item"),
            self.env._("Region"),
            self.env._("Department"),
            self.env._("Service Hall"),
            self.env._("Window"),
            self.env._("Staff"),
            self.env._("Evaluator"),
            self.env._("Comment"),
            self.env._("Evaluation Round"),
            self.env._("Validity"),
        ]

    def _gov_export_rows(self):
        """One row a rating the user may read, in the columns of
        ``_gov_export_header``; reading identities in full is logged, the staff
        member rated gets no identity, the comments of those who may not read
        identities are masked."""
        self.check_access("read")
        mode = self._gov_export_identity_mode()
        mine = self._gov_about_me()
        levels = dict(self._fields["level"]._description_selection(self.env))
        channels = dict(self._fields["channel"]._description_selection(self.env))
        rounds = dict(self._fields["assess_number"]._description_selection(self.env))
        validity = dict(self._fields["validity"]._description_selection(self.env))
        rows = []
        # The ratings are those the user may read; the names of what they rate
        # are read as superuser (staff profiles hide fields from some users).
        for evaluation in self.sudo():
            row_mode = "none" if evaluation in mine else mode
            rows.append(
                [
                    evaluation.name,
                    fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(self, evaluation.date)
                    ),
                    levels.get(evaluation.level, ""),
                    channels.get(evaluation.channel, ""),
                    evaluation.case_id.name or "",
                    evaluation.item_id.name or "",
                    evaluation.region_id.name or "",
                    evaluation.department_id.name or "",
                    evaluation.hall_id.name or "",
                    evaluation.window_id.name or "",
                    evaluation.employee_id.name or "",
                    evaluation._gov_evaluator_label(row_mode),
                    evaluation._gov_export_comment(row_mode == "full"),
                    rounds.get(evaluation.assess_number, ""),
                    validity.get(evaluation.validity, ""),
                ]
            )
        if mode == "full":
            (self - mine)._gov_log_identity_export()
        return rows

    def _gov_export_comment(self, full):
        """The comment as exported: masked unless ``full`` (identity readers)."""
        evaluation = self.sudo()
        if full:
            return evaluation.comment or ""
        return gov_tools.mask_text(evaluation.comment, [evaluation.evaluator_name])

    def _gov_log_identity_export(self):
        identified = self.sudo().filtered(lambda e: not e.anonymous)
        self._gov_log_identity(identified.ids, ["export"])

    # -------------------------------------------------------------- interface
    def _gov_interface_records(self, convention="interface", with_identity=True):
        """The ratings in the reporting-interface format (one dict a rating).

        ``convention`` 'interface': satisfaction 1 = very dissatisfied … 5 = very
        satisfied; 'gbt': GB/T 39046 table A.8, 1 = very satisfied. Identities of
        anonymous evaluators are never given; ``with_identity`` False masks them
        and the comment; the staff member rated gets none.
        """
        Level = self.env["gov.level"]
        mine = self._gov_about_me()
        records = []
        for evaluation in self.sudo():
            case = evaluation.case_id
            satisfaction = evaluation.level
            if convention == "gbt":
                satisfaction = Level.gbt_code(satisfaction)
            name, cert, phone = "", "", ""
            if not evaluation.anonymous and evaluation not in mine:
                name = evaluation.evaluator_name or ""
                cert = evaluation.evaluator_cert or ""
                phone = evaluation.evaluator_phone or ""
                if not with_identity:
                    name = gov_tools.mask_name(name)
                    cert = gov_tools.mask_cert(cert)
                    phone = gov_tools.mask_phone(phone)
            records.append(
                {
                    "areaCode": evaluation.region_id.code or "",
                    "deptCode": evaluation.department_id.gov_credit_code or "",
                    "taskCode": evaluation.item_id.code or "",
                    "taskName": evaluation.item_id.name or "",
                    "projectNo": case.name or "",
                    "proStatus": case.state or "",
                    "proManager": evaluation.employee_id.name or "",
                    "pf": PF_CODES.get(evaluation.channel, ""),
                    "certKey": cert,
                    "userProp": "2" if evaluation.evaluator_type == "company" else "1",
                    "userName": name,
                    "mobile": phone,
                    "satisfaction": satisfaction,
                    "evalDetail": ",".join(
                        t.code for t in evaluation.tag_ids if t.code
                    ),
                    "writingEvaluation": evaluation._gov_export_comment(with_identity),
                    "assessTime": fields.Datetime.to_string(
                        evaluation.company_id._gov_to_local(evaluation.date)
                    ),
                    "assessNumber": evaluation.assess_number,
                    "appStatus": "1" if evaluation.is_bad else "0",
                    "publicFlag": "1" if evaluation.publish_comment else "2",
                    "anonymityFlag": "1" if evaluation.anonymous else "2",
                    "evalVersion": str(evaluation.tag_set_id.version or ""),
                    "effectiveFlag": "1" if evaluation.validity == "valid" else "2",
                    "evaluationId": evaluation.name,
                }
            )
        return records
