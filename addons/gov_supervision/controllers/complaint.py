from odoo import http
from odoo.http import request

from odoo.addons.gov_rating.controllers.public_channel import checked_form

from .public_form import form_post_route, form_values, read_files

FORM_FIELDS = (
    "subject",
    "department_id",
    "official_name",
    "description",
    "anonymous",
    "contact_name",
    "contact_phone",
    "submission_key",
)


class GovComplaintDesk(http.Controller):
    """The 24-hour online complaint desk and its tracking page."""

    def _form(self, values=None, error=None, status=200):
        Complaint = request.env["gov.complaint"]
        values = dict(values or {})
        values.setdefault("submission_key", Complaint._new_submission_key())
        return request.render(
            "gov_supervision.complaint_form",
            {
                "form": values,
                "error": error,
                "departments": request.env["hr.department"]._gov_public_units(),
            },
            status=status,
        )

    @http.route(
        "/gov/complaint", type="http", auth="public", website=True, methods=["GET"]
    )
    def complaint_form(self, **kwargs):
        return self._form()

    @form_post_route("/gov/complaint/submit", "public", files=True)
    def complaint_submit(self, **post):
        values = form_values(post, FORM_FIELDS)

        def submit():
            complaint = request.env["gov.complaint"]._submit_public(
                values,
                read_files("attachments"),
                request.httprequest.remote_addr,
            )
            return request.render(
                "gov_supervision.complaint_thanks",
                {"complaint": complaint._public_summary()},
            )

        return checked_form(
            post,
            submit,
            lambda error, status: self._form(values, error, status),
        )

    @http.route(
        "/gov/complaint/track",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def complaint_track_form(self, code=None, **kwargs):
        # A GET only shows the form: looking a code up counts against guessing.
        code = code if isinstance(code, str) else ""
        return request.render("gov_supervision.complaint_track", {"code": code[:20]})

    @form_post_route("/gov/complaint/track", "public")
    def complaint_track(self, code=None, **post):
        code = code if isinstance(code, str) else ""

        def track():
            complaint = request.env["gov.complaint"]._find_by_code(
                code, request.httprequest.remote_addr
            )
            return request.render(
                "gov_supervision.complaint_track",
                {"complaint": complaint._public_summary()},
            )

        return checked_form(
            post,
            track,
            lambda error, status: request.render(
                "gov_supervision.complaint_track",
                {"code": code[:20], "error": error},
                status=status,
            ),
        )
