import json

from odoo import http
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request


class GovRatingApi(http.Controller):
    """JSON API for business systems: push cases as they are received and completed."""

    def _json(self, payload, status=200):
        return request.make_json_response(payload, status=status)

    @http.route(
        "/gov/api/v1/cases", type="http", auth="public", methods=["POST"], csrf=False
    )
    def push_case(self, **kwargs):
        auth = request.httprequest.headers.get("Authorization", "")
        platform = request.env["gov.platform"]._find_by_api_key(
            auth.removeprefix("Bearer ").strip()
        )
        if not platform:
            return self._json(
                {"error": request.env._("Unknown or missing API key.")}, status=401
            )
        try:
            payload = json.loads(request.httprequest.get_data(as_text=True) or "null")
        except ValueError:
            return self._json(
                {"error": request.env._("The request body is not JSON.")}, status=400
            )
        try:
            case = request.env["gov.case"].sudo()._api_upsert(platform, payload)
        except (ValidationError, AccessError) as error:
            request.env.cr.rollback()
            return self._json({"error": str(error.args[0])}, status=422)
        return self._json({"id": case.id, "projectNo": case.name, "state": case.state})
