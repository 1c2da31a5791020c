from odoo import api, models
from odoo.tools import consteq, misc

from .. import tools
from ..public import GovPublicError, ascii_token, parse_int, public_submission
from .gov_evaluation import ONE_PER_CASE_INDEX

MAX_COMMENT = 500
MAX_NAME = 40
MAX_TAGS = 20


class GovPublicRating(models.AbstractModel):
    """What every public channel (code scan, case link, SMS reply, device) shares:
    the page contents, validation of what a citizen sends, and the one place that
    creates their rating, within the rate limits and all or nothing."""

    _name = "gov.public.rating"
    _description = "Public Rating Channels"

    @api.model
    def _refuse(self, message):
        raise GovPublicError(message)

    @api.model
    def _page_values(self, scene, item=None):
        """Levels (very satisfied first) and the tags of the active set of ``scene``."""
        tag_set = self.env["gov.tag.set"].sudo()._active_for(scene)
        return {
            "tz": self.env.company.sudo().gov_tz,
            "levels": self.env["gov.level"].sudo().search([], limit=5),
            "tags": tag_set.tag_ids,
            "survey": self._public_survey(item),
        }

    @api.model
    def _public_survey(self, item):
        survey = item and item.sudo().survey_id
        if survey and survey.active and survey.access_mode == "public":
            return survey
        return self.env["survey.survey"]

    @api.model
    def _parse_level(self, value):
        level = str(value or "").strip()
        if level not in ("1", "2", "3", "4", "5"):
            self._refuse(self.env._("Choose one of the five levels."))
        return level

    @api.model
    def _parse_tags(self, values, scene, by_code=False):
        values = values if isinstance(values, list) else [values] if values else []
        if len(values) > MAX_TAGS:
            self._refuse(self.env._("Too many tags."))
        tags = self.env["gov.tag.set"].sudo()._active_for(scene).tag_ids
        if by_code:
            wanted = {str(v) for v in values}
            chosen = tags.filtered(lambda t: t.code in wanted)
        else:
            wanted = {parse_int(v) for v in values}
            chosen = tags.filtered(lambda t: t.id in wanted)
        if len(chosen) != len(wanted):
            self._refuse(self.env._("A chosen tag does not exist (any more)."))
        return chosen

    @api.model
    def _parse_text(self, value, limit, label):
        if value is not None and not isinstance(value, str):
            self._refuse(self.env._("%(field)s must be text.", field=label))
        text = (value or "").strip()
        if len(text) > limit:
            self._refuse(
                self.env._(
                    "%(field)s is too long (at most %(limit)s characters).",
                    field=label,
                    limit=limit,
                )
            )
        return text

    @api.model
    def _parse_form(self, form, scene):
        """Values of ``gov.evaluation`` from a submitted rating form (a dict of
        strings; ``tag_ids`` a list)."""
        level = self._parse_level(form.get("level"))
        tags = self._parse_tags(form.get("tag_ids"), scene)
        return {
            "level": level,
            "tag_ids": [(6, 0, tags.ids)],
            "comment": self._parse_text(
                form.get("comment"), MAX_COMMENT, self.env._("The comment")
            )
            or False,
            "evaluator_name": self._parse_text(
                form.get("name"), MAX_NAME, self.env._("The name")
            )
            or False,
            "evaluator_cert": self._parse_text(
                form.get("cert"), 20, self.env._("The ID number")
            )
            or False,
            "evaluator_phone": self._parse_text(
                form.get("phone"), 20, self.env._("The phone")
            )
            or False,
            "anonymous": form.get("anonymous") == "1",
            "publish_comment": form.get("no_publish") != "1",
        }

    @api.model
    def _rate(self, channel, vals, ip_address=None, device=None):
        """Create one citizen's rating through the gateway, within the rate limits:
        all of it or nothing."""
        RateLimit = self.env["gov.rate.limit"].sudo()
        # A device is limited by its key, not by the address of its hall.
        RateLimit._hit("ip", not device and ip_address)
        RateLimit._hit("device", device and device.id)
        RateLimit._hit("phone", tools.normalize_phone(vals.get("evaluator_phone")))
        vals = dict(vals)
        case = self.env["gov.case"].sudo().browse(vals.get("case_id"))
        # A questionnaire follows on the web pages only (not by SMS or device).
        web = channel in ("qr", "pc", "app")
        survey = self._public_survey(case.item_id) if web else None
        already_rated = self.env._(
            "This case has been rated already: one rating per case."
        )
        with public_submission(self.env, {ONE_PER_CASE_INDEX: (already_rated, None)}):
            if survey:
                vals["survey_user_input_id"] = survey._create_answer(
                    check_attempts=False
                ).id
            return self.env["gov.evaluation"]._gateway_create(
                channel, [vals], ip_address=ip_address, device=device
            )

    @api.model
    def _handling_values(self, evaluation):
        """How the bad review ``evaluation`` is handled, as its citizen follows it
        on the thank-you page and the case link (``gov_rating.handling_card``): a
        dict of number, department, status, milestones [(label, local date)],
        reply_due, reply, result and closed; False when nothing handles it."""
        return False

    @api.model
    def _thanks_url(self, evaluation):
        signature = misc.hmac(self.env(su=True), "gov_rating.thanks", evaluation.id)
        return f"/gov/thanks/{evaluation.id}/{signature}"

    @api.model
    def _thanks_evaluation(self, evaluation_id, signature):
        """The rating a thank-you URL names, when its signature holds."""
        expected = misc.hmac(self.env(su=True), "gov_rating.thanks", evaluation_id)
        signature = ascii_token(signature)
        if not signature or not consteq(expected, signature):
            return self.env["gov.evaluation"]
        return self.env["gov.evaluation"].sudo().browse(evaluation_id).exists()
