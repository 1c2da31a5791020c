from odoo import http
from odoo.http import request

from ..public import GovPublicError


class GovRatingPublic(http.Controller):
    """The citizen's pages: a counter code (一次一评) and a case link (一事一评).
    GET only reads; a POST carries the CSRF token and rates at most once."""

    def _form(self):
        form = request.httprequest.form
        values = {key: form.get(key) for key in form if key != "tag_ids"}
        values["tag_ids"] = form.getlist("tag_ids")
        return values

    def _ip(self):
        return request.httprequest.remote_addr

    def _message(self, title, message, status):
        return request.render(
            "gov_rating.message_page",
            {"title": title, "message": message},
            status=status,
        )

    def _not_found(self):
        return self._message(
            request.env._("Code not valid"),
            request.env._(
                "This code or link is not valid (any more). Please scan the code at "
                "the counter again or ask the staff."
            ),
            404,
        )

    # ----------------------------------------------------------- counter code
    def _qr_page(self, target, token, error=None, status=200, form=None):
        title, subtitle = target._gov_qr_card_lines()
        values = request.env["gov.public.rating"]._page_values("counter")
        values.update(
            title=title,
            subtitle=subtitle,
            action=f"/gov/r/{token}/submit",
            error=error,
            form=form or {},
            scan=True,
        )
        return request.render("gov_rating.rate_page", values, status=status)

    @http.route(
        "/gov/r/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def qr_page(self, token, **kwargs):
        target = request.env["gov.qr.mixin"]._gov_qr_find(token)
        if not target:
            return self._not_found()
        return self._qr_page(target, token)

    @http.route(
        "/gov/r/<string:token>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def qr_submit(self, token, **kwargs):
        target = request.env["gov.qr.mixin"]._gov_qr_find(token)
        if not target:
            return self._not_found()
        form = self._form()
        try:
            evaluation = target._gov_qr_submit(form, self._ip())
        except GovPublicError as error:
            return self._qr_page(
                target, token, error.args[0], error.status_or(400), form
            )
        return request.redirect(
            request.env["gov.public.rating"]._thanks_url(evaluation), code=303
        )

    # -------------------------------------------------------------- case link
    def _link_page(self, link, error=None, status=200, form=None):
        mode = link._page_mode()
        if mode == "expired":
            return self._message(
                request.env._("Link expired"),
                request.env._("The time to rate this case through this link is over."),
                410,
            )
        case = link.case_id.sudo()
        Public = request.env["gov.public.rating"]
        values = Public._page_values("online", case.item_id)
        values.update(
            title=case.item_id.name,
            subtitle=" · ".join(n for n in (case.name, link.employee_id.name) if n),
            action=f"/gov/l/{link.token}/submit",
            error=error,
            form=form or {},
            mode=mode,
            evaluation=link.evaluation_id,
            second_evaluation=link.second_evaluation_id,
            handling=Public._handling_values(link.evaluation_id),
        )
        template = (
            "gov_rating.link_used_page" if mode == "used" else "gov_rating.rate_page"
        )
        return request.render(template, values, status=status)

    @http.route(
        "/gov/l/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def link_page(self, token, **kwargs):
        link = request.env["gov.case.link"]._find(token)
        if not link:
            return self._not_found()
        return self._link_page(link)

    @http.route(
        "/gov/l/<string:token>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def link_submit(self, token, **kwargs):
        link = request.env["gov.case.link"]._find(token)
        if not link:
            return self._not_found()
        form = self._form()
        try:
            evaluation, created = link._submit(form, self._ip())
        except GovPublicError as error:
            return self._link_page(link, error.args[0], error.status_or(400), form)
        if not created:
            return self._link_page(link)
        return request.redirect(
            request.env["gov.public.rating"]._thanks_url(evaluation), code=303
        )

    # -------------------------------------------------------------- thank you
    @http.route(
        "/gov/thanks/<int:evaluation_id>/<string:signature>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def thanks(self, evaluation_id, signature, **kwargs):
        Public = request.env["gov.public.rating"]
        evaluation = Public._thanks_evaluation(evaluation_id, signature)
        if not evaluation:
            return self._not_found()
        return request.render(
            "gov_rating.thanks_page",
            {
                "evaluation": evaluation,
                "level": request.env["gov.level"]
                .sudo()
                .search([("value", "=", evaluation.level)]),
                "survey_url": evaluation.survey_user_input_id.get_start_url()
                if evaluation.survey_user_input_id
                else False,
                "handling": Public._handling_values(evaluation),
            },
        )
