"""What the public routes share: the answers of the machine APIs (JSON, credentials
in a header, csrf=False) and the form posts that answer a refused CSRF token with
a clear page instead of Odoo's bare 400."""

import json

from odoo import http
from odoo.http import request

from ..public import (
    MAX_JSON_BODY,
    MAX_JSON_DEPTH,
    GovPublicError,
    ascii_token,
    bilingual,
    has_nul,
    json_depth,
)


def json_response(payload, status=200):
    return request.make_json_response(payload, status=status)


def json_error(message, status):
    return json_response({"error": message}, status=status)


def json_payload():
    """The JSON value of the request body (None when empty); ValueError when the
    body is not JSON, is larger than MAX_JSON_BODY (ir.http answers 413 before),
    nests deeper than MAX_JSON_DEPTH or holds a NUL character."""
    data = request.httprequest.get_data(cache=True)
    if len(data) > MAX_JSON_BODY:
        raise ValueError("body too large")
    try:
        value = json.loads(data.decode() or "null")
    except (UnicodeDecodeError, RecursionError) as error:
        raise ValueError("not JSON") from error
    if json_depth(value) > MAX_JSON_DEPTH or has_nul(value):
        raise ValueError("nested too deep or NUL")
    return value


def json_body():
    """The JSON object of the request body, or None."""
    try:
        body = json_payload()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def bearer_key():
    """The key of the 'Authorization: Bearer <key>' header ('' without one)."""
    auth = request.httprequest.headers.get("Authorization", "")
    return ascii_token(auth.removeprefix("Bearer ").strip())


def form_post_route(path, auth="public", **kwargs):
    """The route a website form posts to; its CSRF token is checked by
    ``checked_form``, which answers a bad one with the form and a clear message."""
    return http.route(
        path,
        type="http",
        auth=auth,
        website=True,
        methods=["POST"],
        csrf=False,
        sitemap=False,
        **kwargs,
    )


def checked_form(post, call, on_error):
    """``call()`` once the CSRF token of ``post`` is valid; a bad token or a
    refusal of the models becomes ``on_error(message, status)``."""
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
        return on_error(error.args[0], error.status_or(400))


def json_refusal(error):
    """The JSON answer to a refused request (422 for bad input)."""
    return json_error(error.args[0], error.status_or(422))
