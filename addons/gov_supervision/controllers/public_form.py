"""What the forms of the complaint desk and of the monitors' portal share."""

from odoo.http import request

from odoo.addons.gov_rating.controllers import public_channel

from ..models.gov_complaint import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES


def form_post_route(path, auth, files=False):
    """The route a form posts to (its CSRF token checked by
    ``public_channel.checked_form``); with ``files``, the request may carry the
    evidence (one file more than allowed, for a clear message)."""
    if files:
        limits = {"max_content_length": (EVIDENCE_MAX_FILES + 1) * EVIDENCE_MAX_BYTES}
    else:
        limits = {}
    return public_channel.form_post_route(path, auth, **limits)


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
