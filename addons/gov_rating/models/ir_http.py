from werkzeug.exceptions import BadRequest, NotFound, RequestEntityTooLarge

from odoo import models
from odoo.http import request

from ..public import MAX_JSON_BODY, ascii_token, bilingual, has_nul

# The addons whose public routes this layer guards.
GOV_MODULE_PREFIX = "odoo.addons.gov_"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        res = super()._pre_dispatch(rule, args)
        if getattr(rule.endpoint.func, "__module__", "").startswith(GOV_MODULE_PREFIX):
            cls._gov_check_request(args)
        return res

    @classmethod
    def _gov_check_request(cls, args):
        """Refuse hostile input before any route of ours reads it: a body larger
        than a machine API takes (413), a NUL character in the path, the query or
        a form field (400), a token or signature of the path that is not printable
        ASCII (404: no such code)."""
        httprequest = request.httprequest
        is_form = httprequest.mimetype in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        )
        if (
            httprequest.method == "POST"
            and not is_form
            and (httprequest.content_length or 0) > MAX_JSON_BODY
        ):
            raise RequestEntityTooLarge(
                bilingual(
                    request.env,
                    lambda env: env._(
                        "The request body is too large (at most %(size)s bytes).",
                        size=MAX_JSON_BODY,
                    ),
                )
            )
        values = [httprequest.path, list(httprequest.args.lists()), *args.values()]
        if is_form:
            values.append(list(httprequest.form.lists()))
        if has_nul(values):
            raise BadRequest(
                bilingual(
                    request.env,
                    lambda env: env._(
                        "The request holds a NUL character: it is not accepted."
                    ),
                )
            )
        for value in args.values():
            if isinstance(value, str) and not ascii_token(value):
                raise NotFound(
                    bilingual(
                        request.env,
                        lambda env: env._("This code or link is not valid."),
                    )
                )
