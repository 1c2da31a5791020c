from odoo import http
from odoo.http import request

from ..models.gov_complaint import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES
from ..models.gov_complaint_throttle import GovPublicError, bilingual

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


def read_files(name):
    """The uploaded files of the field ``name`` as (file name, bytes); a file is
    read one byte past the limit so that the model sees it is too large."""
    return [
        (upload.filename, upload.read(EVIDENCE_MAX_BYTES + 1))
        for upload in request.httprequest.files.getlist(name)
        if upload.filename
    ]


def csrf_error():
    return GovPublicError(
        bilingual(
            request.env,
            lambda e: e._(
                "The form has expired or did not come from this site: reload the "
                "page and submit it again."
            ),
        )
    )


class GovComplaintDesk(http.Controller):
    """The 24-hour online complaint desk and its tracking page."""

    def _form(self, values=None, error=None, status=200):
        Complaint = request.env["gov.complaint"]
        values = dict(values or {})
        values.setdefault("submission_key", Complaint._new_submission_key())
        return request.render(
            "gov_rectify.complaint_form",
            {
                "form": values,
                "error": error,
                "departments": Complaint._public_departments(),
            },
            status=status,
        )

    @http.route(
        "/gov/complaint", type="http", auth="public", website=True, methods=["GET"]
    )
    def complaint_form(self, **kwargs):
        return self._form()

    @http.route(
        "/gov/complaint/submit",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        csrf=False,  # checked below, to answer with a clear page and no log noise
        sitemap=False,
        max_content_length=(EVIDENCE_MAX_FILES + 1) * EVIDENCE_MAX_BYTES,
    )
    def complaint_submit(self, **post):
        values = {k: post.get(k) for k in FORM_FIELDS if isinstance(post.get(k), str)}
        try:
            if not request.validate_csrf(post.get("csrf_token")):
                raise csrf_error()
            complaint = request.env["gov.complaint"]._submit_public(
                values,
                read_files("attachments"),
                request.httprequest.remote_addr,
            )
        except GovPublicError as error:
            return self._form(values, error.args[0], error.status)
        return request.render(
            "gov_rectify.complaint_thanks", {"complaint": complaint._public_summary()}
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
        return request.render("gov_rectify.complaint_track", {"code": code[:20]})

    @http.route(
        "/gov/complaint/track",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        csrf=False,  # checked below, to answer with a clear page and no log noise
        sitemap=False,
    )
    def complaint_track(self, code=None, **post):
        code = code if isinstance(code, str) else ""
        try:
            if not request.validate_csrf(post.get("csrf_token")):
                raise csrf_error()
            complaint = request.env["gov.complaint"]._find_by_code(
                code, request.httprequest.remote_addr
            )
        except GovPublicError as error:
            return request.render(
                "gov_rectify.complaint_track",
                {"code": code[:20], "error": error.args[0]},
                status=error.status,
            )
        return request.render(
            "gov_rectify.complaint_track", {"complaint": complaint._public_summary()}
        )
