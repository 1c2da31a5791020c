from odoo import http
from odoo.http import request

from ..public import GovPublicError, public_submission
from .public_channel import (
    bearer_key,
    json_error,
    json_payload,
    json_refusal,
    json_response,
)


class GovRatingApi(http.Controller):
    """JSON API for business systems: push cases as they are received and completed."""

    @http.route(
        "/gov/api/v1/cases", type="http", auth="public", methods=["POST"], csrf=False
    )
    def push_case(self, **kwargs):
        platform = request.env["gov.platform"]._find_by_api_key(bearer_key())
        if not platform:
            return json_error(request.env._("Unknown or missing API key."), 401)
        try:
            payload = json_payload()
        except ValueError:
            return json_error(request.env._("The request body is not JSON."), 400)
        try:
            with public_submission(request.env):
                case = request.env["gov.case"].sudo()._api_upsert(platform, payload)
        except GovPublicError as error:
            return json_refusal(error)
        return json_response(
            {"id": case.id, "projectNo": case.name, "state": case.state}
        )
