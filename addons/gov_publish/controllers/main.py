from odoo import http
from odoo.http import request

from odoo.addons.gov_rating.controllers.public_channel import json_error
from odoo.addons.gov_rating.public import GovPublicError
from odoo.addons.portal.controllers.portal import pager as portal_pager


class GovPublicResults(http.Controller):
    """Public results: read-only pages (GET only), no login, no identity."""

    def _render(self, template, method, url, params):
        site = request.env["gov.publish.site"]
        try:
            values = getattr(site, method)(params)
        except GovPublicError as error:
            return request.render(
                "gov_publish.public_error",
                {"message": error.args[0]},
                status=error.status_or(400),
            )
        url_args = {
            key: params[key]
            for key in ("region", "department", "dq", "period", "kind")
            if params.get(key)
        }
        values["pager"] = portal_pager(
            url=url,
            total=values["total"],
            page=values["page"],
            step=values["page_size"],
            url_args=url_args,
        )
        values["url_args"] = url_args
        return request.render(template, values)

    @http.route(
        "/gov/results",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def results(self, **kwargs):
        return request.redirect("/gov/results/rankings")

    @http.route(
        ["/gov/results/items", "/gov/results/items/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def items(self, page=1, **kwargs):
        return self._render(
            "gov_publish.public_items",
            "_items_values",
            "/gov/results/items",
            dict(kwargs, page=page),
        )

    @http.route(
        ["/gov/results/comments", "/gov/results/comments/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def comments(self, page=1, **kwargs):
        return self._render(
            "gov_publish.public_comments",
            "_comments_values",
            "/gov/results/comments",
            dict(kwargs, page=page),
        )

    @http.route(
        ["/gov/results/rankings", "/gov/results/rankings/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def rankings(self, page=1, **kwargs):
        return self._render(
            "gov_publish.public_rankings",
            "_rankings_values",
            "/gov/results/rankings",
            dict(kwargs, page=page),
        )

    @http.route(
        ["/gov/results/rectifications", "/gov/results/rectifications/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def rectifications(self, page=1, **kwargs):
        return self._render(
            "gov_publish.public_rectifications",
            "_rectifications_values",
            "/gov/results/rectifications",
            dict(kwargs, page=page),
        )

    @http.route(
        "/gov/results/verify/<int:period_id>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def verify(self, period_id, **kwargs):
        try:
            result = request.env["gov.publish.site"]._verify_values(period_id)
        except GovPublicError as error:
            return json_error(error.args[0], error.status_or(404))
        return request.make_json_response(result)
