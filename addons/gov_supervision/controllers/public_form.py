"""What the forms of the complaint desk and of the monitors' portal share."""

from odoo import http
from odoo.http import request

from odoo.addons.gov_rectify.tools import GovPublicError, bilingual

from ..models.gov_complaint import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES


def form_post_route(path, auth, files=False):
    """The route a form posts to. Its CSRF token is checked by ``checked_post``,
    to answer with a clear page and no log noise; with ``files``, the request may
    carry the evidence (one file more than allowed, for a clear message)."""
    if files:
        limits = {"max_content_length": (EVIDENCE_MAX_FILES + 1) * EVIDENCE_MAX_BYTES}
    else:
        limits = {}
    return http.route(
        path,
        type="http",
        auth=auth,
        website=True,
        methods=["POST"],
        csrf=False,
        sitemap=False,
        **limits,
    )


def form_values(post, names):
    """The text fields ``names`` of the posted form (anything else is dropped)."""
    return {k: post.get(k) for k in names if isinstance(post.get(k), str)}


def read_files(name):
    """The uploaded files of the field ``name`` as (file name, bytes); a file is
    read one byte past the limit so that the model sees it is too large."""
    return [
        (upload.filename, upload.read(EVIDENCE_MAX_BYTES + 1))
        for upload in request.httprequest.files.getlist(name)
        if upload.filename
    ]


def checked_post(post, call, on_error):
    """``call()`` once the CSRF token of ``post`` is valid; a bad token or a
    GovPublicError of the model becomes ``on_error(message, status)``."""
    try:
        if not request.validate_csrf(post.get("csrf_token")):
            raise GovPublicError(
                bilingual(
                    request.env,
                    lambda e: e._(
                        "The form has expired or did not come from this site: "
                        "reload the page and submit it again."
                    ),
                )
            )
        return call()
    except GovPublicError as error:
        return on_error(error.args[0], error.status)
