import base64
import io
import secrets
from datetime import timedelta

import qrcode

from odoo import api, fields, models


class GovQrMixin(models.AbstractModel):
    """A rated object with a printed QR code: scanning it opens the public rating page.

    The code holds an ASCII URL with an unguessable token; regenerating the token
    revokes every printed card of the object. ``_gov_qr_prefix`` (one letter) tells
    the kind of object from the token, so a scan costs one indexed lookup.
    """

    _name = "gov.qr.mixin"
    _description = "Object with a Rating QR Code"
    _gov_qr_prefix = None

    gov_qr_token = fields.Char(
        string="QR Token", copy=False, readonly=True, index="btree_not_null"
    )
    gov_qr_url = fields.Char(string="Rating URL", compute="_compute_gov_qr")
    gov_qr_image = fields.Binary(string="QR Code", compute="_compute_gov_qr")

    def init(self):
        # Records that existed before the mixin was added get their own token each.
        if self._abstract:
            return
        self.env.cr.execute(  # pylint: disable=sql-injection
            f"SELECT id FROM {self._table} WHERE gov_qr_token IS NULL"
        )
        for (record_id,) in self.env.cr.fetchall():
            self.env.cr.execute(  # pylint: disable=sql-injection
                f"UPDATE {self._table} SET gov_qr_token = %s WHERE id = %s",
                (self._gov_qr_new_token(), record_id),
            )

    @api.depends("gov_qr_token")
    def _compute_gov_qr(self):
        for record in self:
            record.gov_qr_url = record.gov_qr_token and (
                f"{record.get_base_url()}/gov/r/{record.gov_qr_token}"
            )
            record.gov_qr_image = record.gov_qr_url and base64.b64encode(
                record._gov_qr_png()
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["gov_qr_token"] = self._gov_qr_new_token()
        return super().create(vals_list)

    def action_regenerate_qr(self):
        """A new code for each record; the printed old codes stop working at once."""
        for record in self:
            record.gov_qr_token = self._gov_qr_new_token()

    @api.model
    def _gov_qr_new_token(self):
        return self._gov_qr_prefix + secrets.token_urlsafe(16)

    def _gov_qr_png(self):
        self.ensure_one()
        image = qrcode.make(
            self.gov_qr_url, error_correction=qrcode.constants.ERROR_CORRECT_M
        )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    @api.model
    def _gov_qr_find(self, token):
        """The active object whose code holds ``token`` (sudo), or None."""
        if not isinstance(token, str) or not 8 <= len(token) <= 64:
            return None
        for name in self.env.registry.descendants([self._name], "_inherit"):
            model = self.env[name]
            if model._abstract or model._gov_qr_prefix != token[0]:
                continue
            record = model.sudo().search([("gov_qr_token", "=", token)], limit=1)
            return record or None
        return None

    # ------------------------------------------------ what each object rates
    def _gov_qr_case_domain(self):
        """Cases handled at this object."""
        raise NotImplementedError

    def _gov_qr_evaluation_vals(self):
        """What a rating of the visit (no case picked) rates."""
        raise NotImplementedError

    def _gov_qr_employee(self):
        """The staff member a scan of this code rates, if one."""
        return self.env["hr.employee"]

    def _gov_qr_card_lines(self):
        """Title and subtitle printed on the counter card."""
        self.ensure_one()
        return self.display_name, ""

    def _gov_qr_case(self, case_number, proof, ip_address):
        """The case ``case_number`` when it was completed here within the
        supplementary window and ``proof`` shows it is the citizen's own: the last
        four digits of the applicant's phone or the rating code of its receipt and
        SMS. Anything else is refused the same way, and counted by the limiter."""
        self.ensure_one()
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rating.supplementary_days", 7)
        )
        case = (
            self.env["gov.case"]
            .sudo()
            .search(
                self._gov_qr_case_domain()
                + [
                    ("state", "=", "done"),
                    ("date_done", ">=", fields.Datetime.now() - timedelta(days=days)),
                    ("name", "=", case_number),
                ],
                limit=1,
            )
        )
        if case and case._gov_proof_matches(proof):
            return case
        self.env["gov.rate.limit"].sudo()._hit("ip", ip_address)
        return self.env["gov.public.rating"]._refuse(
            self.env._(
                "No case with this number and proof was completed here within the "
                "supplementary rating window. Give the last four digits of the "
                "applicant's phone or the rating code printed on the receipt."
            )
        )

    def _gov_qr_submit(self, form, ip_address):
        """Rate from a scan of this code: the visit at this counter, or a case the
        citizen proves is theirs. The page never lists cases nor their applicants."""
        self.ensure_one()
        Public = self.env["gov.public.rating"]
        vals = Public._parse_form(form, "counter")
        number = Public._parse_text(
            form.get("case_number"), 64, self.env._("The case number")
        )
        proof = Public._parse_text(form.get("proof"), 16, self.env._("The proof"))
        if number:
            case = self._gov_qr_case(number, proof, ip_address)
            employee = self._gov_qr_employee() & case.employee_ids
            vals.update(case_id=case.id, employee_id=employee.id)
        else:
            vals.update(self._gov_qr_evaluation_vals())
        return Public._rate("qr", vals, ip_address=ip_address)
