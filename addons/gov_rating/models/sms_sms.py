from odoo import fields, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    gov_case_link_id = fields.Many2one(
        "gov.case.link", string="Case Rating Link", ondelete="set null"
    )

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Through our own gateway when one is configured, else through IAP."""
        provider = self.env["gov.sms.provider"]._current()
        if not provider:
            return super()._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        results = provider._send_sms(self)
        sent = self.filtered(lambda sms: results.get(sms.id))
        failed = self - sent
        sent.sms_tracker_id._action_update_from_sms_state("pending")
        sent.write(
            {"state": "pending", "failure_type": False, "to_delete": unlink_sent}
        )
        failed.sms_tracker_id._action_update_from_sms_state(
            "error", failure_type="sms_server"
        )
        failed.write(
            {"state": "error", "failure_type": "sms_server", "to_delete": unlink_failed}
        )
        sent.gov_case_link_id.sudo().write({"date_invited": fields.Datetime.now()})
        (self.mail_message_id)._notify_message_notification_update()
