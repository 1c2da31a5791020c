from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.gov_rating.public import GovPublicError, parse_int, public_submission

ROSTER_STEP = 12


class GovRoster(http.Controller):
    """The public roster (效能测评): GET pages only read; a rating is a POST with the
    CSRF token, validated and stored by gov.roster.entry._roster_rate."""

    def _not_found(self):
        Entry = request.env["gov.roster.entry"]
        error = Entry._roster_error(
            lambda env: env._("This official or unit is not on the public roster.")
        )
        return request.render(
            "gov_supervision.roster_message_page",
            {"message": error.args[0]},
            status=404,
        )

    def _rate_page(self, entry, error=None, form=None, status=200):
        values = request.env["gov.roster.entry"]._roster_form_values()
        values.update(
            entry=entry._roster_public_values(),
            error=error,
            form=form or {"identity": "anonymous"},
        )
        return request.render("gov_supervision.roster_rate_page", values, status=status)

    @http.route(
        "/gov/roster",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def roster(self, unit=None, page=None, **kwargs):
        values = request.env["gov.roster.entry"]._roster_page(
            parse_int(unit), parse_int(page) or 1, ROSTER_STEP
        )
        values["pager"] = request.website.pager(
            url="/gov/roster",
            total=values["total"],
            page=values["page"],
            step=ROSTER_STEP,
            url_args={"unit": values["unit_id"]} if values["unit_id"] else None,
        )
        return request.render("gov_supervision.roster_page", values)

    @http.route(
        "/gov/roster/<int:entry_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def roster_entry(self, entry_id, **kwargs):
        entry = request.env["gov.roster.entry"]._roster_published(entry_id, True)
        if not entry:
            return self._not_found()
        return self._rate_page(entry)

    @http.route(
        "/gov/roster/<int:entry_id>/rate",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def roster_rate(self, entry_id, **kwargs):
        entry = request.env["gov.roster.entry"]._roster_published(entry_id, True)
        if not entry:
            return self._not_found()
        form = {key: str(value) for key, value in kwargs.items() if key != "csrf_token"}
        try:
            with public_submission(request.env):
                # The captcha of the website, if one is installed (website_altcha).
                request.env["ir.http"]._verify_request_recaptcha_token(
                    "gov_roster_rate"
                )
                entry._roster_rate(form, request.httprequest.remote_addr)
        except GovPublicError as error:
            return self._rate_page(entry, error.args[0], form, error.status_or(400))
        return request.render(
            "gov_supervision.roster_thanks_page",
            {"entry": entry._roster_public_values()},
        )

    @http.route(
        "/gov/roster/<int:entry_id>/photo",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def roster_photo(self, entry_id, **kwargs):
        entry = request.env["gov.roster.entry"]._roster_published(entry_id)
        photo = entry and entry._roster_photo()
        if not photo:
            raise NotFound()
        stream = request.env["ir.binary"]._get_image_stream_from(
            photo, "photo", width=256, height=256
        )
        return stream.get_response()
