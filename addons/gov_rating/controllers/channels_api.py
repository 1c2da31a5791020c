from odoo import http
from odoo.http import request

from ..public import GovPublicError
from .public_channel import (
    bearer_key,
    json_body,
    json_error,
    json_refusal,
    json_response,
)


class GovChannelsApi(http.Controller):
    """Machines that rate: rating devices (评价器) and the SMS gateway's replies."""

    def _bad_body(self):
        return json_error(request.env._("The body must be a JSON object."), 400)

    def _device_call(self, call, with_body=True):
        """``call(device, body)`` for the device of the request's key (401 without
        one) and, ``with_body``, its JSON object (400 without one)."""
        device = request.env["gov.device"]._find_by_api_key(bearer_key())
        if not device:
            return json_error(request.env._("Unknown or missing device key."), 401)
        body = json_body() if with_body else {}
        if body is None:
            return self._bad_body()
        try:
            return call(device, body)
        except GovPublicError as error:
            return json_refusal(error)

    # ---------------------------------------------------------------- devices
    @http.route(
        "/gov/api/v1/device", type="http", auth="public", methods=["GET"], csrf=False
    )
    def device_state(self, **kwargs):
        return self._device_call(
            lambda device, body: json_response(device._api_state()), with_body=False
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
            lambda device, body: json_response(
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
            return json_response(
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
            return json_error(request.env._("Unknown or missing gateway token."), 401)
        body = json_body()
        if body is None:
            return self._bad_body()
        try:
            evaluations = Provider._receive_reply(body.get("phone"), body.get("text"))
        except GovPublicError as error:
            return json_refusal(error)
        return json_response(
            {"rated": [{"name": e.name, "level": e.level} for e in evaluations]}
        )
