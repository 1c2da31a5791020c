import json

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..models.gov_rate_limit import GovRateLimited


class GovChannelsApi(http.Controller):
    """Machines that rate: rating devices (评价器) and the SMS gateway's replies."""

    def _json(self, payload, status=200):
        return request.make_json_response(payload, status=status)

    def _error(self, message, status):
        return self._json({"error": message}, status=status)

    def _body(self):
        """The JSON object sent, or None."""
        try:
            body = json.loads(request.httprequest.get_data(as_text=True) or "null")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _device(self):
        auth = request.httprequest.headers.get("Authorization", "")
        return request.env["gov.device"]._find_by_api_key(
            auth.removeprefix("Bearer ").strip()
        )

    def _refusal(self, error):
        return self._error(
            error.args[0], 429 if isinstance(error, GovRateLimited) else 422
        )

    def _bad_body(self):
        return self._error(request.env._("The body must be a JSON object."), 400)

    def _device_call(self, call, with_body=True):
        """``call(device, body)`` for the device of the request's key (401 without
        one) and, ``with_body``, its JSON object (400 without one); a refusal of
        the device's model becomes a 422 or 429 JSON error."""
        device = self._device()
        if not device:
            return self._error(request.env._("Unknown or missing device key."), 401)
        body = self._body() if with_body else {}
        if body is None:
            return self._bad_body()
        try:
            return call(device, body)
        except UserError as error:
            return self._refusal(error)

    # ---------------------------------------------------------------- devices
    @http.route(
        "/gov/api/v1/device", type="http", auth="public", methods=["GET"], csrf=False
    )
    def device_state(self, **kwargs):
        return self._device_call(
            lambda device, body: self._json(device._api_state()), with_body=False
        )

    @http.route(
        "/gov/api/v1/device/show",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
    )
    def device_show(self, **kwargs):
        return self._device_call(
            lambda device, body: self._json(
                device._api_show_case(body.get("projectNo"))
            )
        )

    @http.route(
        "/gov/api/v1/device/rate",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
    )
    def device_rate(self, **kwargs):
        def rate(device, body):
            evaluation = device._api_rate(body, request.httprequest.remote_addr)
            return self._json(
                {
                    "id": evaluation.id,
                    "name": evaluation.name,
                    "level": evaluation.level,
                },
                status=201,
            )

        return self._device_call(rate)

    # -------------------------------------------------------------------- SMS
    @http.route(
        "/gov/sms/inbound", type="http", auth="public", methods=["POST"], csrf=False
    )
    def sms_inbound(self, **kwargs):
        Provider = request.env["gov.sms.provider"]
        token = request.httprequest.headers.get("X-Gov-Token")
        if not Provider._check_inbound_token(token):
            return self._error(request.env._("Unknown or missing gateway token."), 401)
        body = self._body()
        if body is None:
            return self._bad_body()
        try:
            evaluations = Provider._receive_reply(body.get("phone"), body.get("text"))
        except UserError as error:
            return self._refusal(error)
        return self._json(
            {"rated": [{"name": e.name, "level": e.level} for e in evaluations]}
        )
