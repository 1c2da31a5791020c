"""Errors of the public pages, answered in Chinese and in English."""

from odoo.exceptions import UserError


class GovPublicError(UserError):
    """Bad input on a public page: the visitor gets ``status`` and the message."""

    status = 400

    def __init__(self, message, status=None):
        super().__init__(message)
        if status:
            self.status = status


def bilingual(env, message):
    """``message(env)`` in Chinese and in English, for visitors of either site."""
    installed = dict(env["res.lang"].get_installed())
    texts = []
    for lang in [code for code in ("zh_CN", "en_US") if code in installed]:
        text = message(env(context=dict(env.context, lang=lang)))
        if text not in texts:
            texts.append(text)
    return " / ".join(texts)
