from odoo import http
from odoo.http import request


class GovHealth(http.Controller):
    """For the proxy and monitoring: 200 when the service is healthy, 503 otherwise,
    with counts and delays only (gov.health)."""

    @http.route(
        "/gov/health",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def health(self, **kwargs):
        report, healthy = request.env["gov.health"]._health()
        response = request.make_json_response(report, status=200 if healthy else 503)
        response.headers["Cache-Control"] = "no-store"
        return response
