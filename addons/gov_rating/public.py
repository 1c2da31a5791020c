"""What every public channel (pages, forms, machine APIs) shares: the one error of a
refused request and the one way a submission is stored.

- A refused request raises ``GovPublicError``: its message, and its HTTP status
  (``None`` for bad input, which a page answers 400 and a JSON API 422).
- A submission is stored inside ``public_submission``: one savepoint, so that a
  refusal leaves nothing behind and the request goes on to answer; an
  IntegrityError becomes the message of its constraint, and the other errors of
  the models become a ``GovPublicError``.
"""

from contextlib import contextmanager

import psycopg2

from odoo.exceptions import UserError


class GovPublicError(UserError):
    """A refused public request: the visitor gets ``status`` and the message."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status

    def status_or(self, default):
        """The HTTP status of this refusal, ``default`` for bad input."""
        return self.status or default


def bilingual(env, message, sep=" / "):
    """``message(env)`` in Chinese and in English, for visitors of either site."""
    installed = dict(env["res.lang"].get_installed())
    texts = []
    for lang in [code for code in ("zh_CN", "en_US") if code in installed] or [
        env.lang
    ]:
        text = message(env(context=dict(env.context, lang=lang)))
        if text not in texts:
            texts.append(text)
    return sep.join(texts)


@contextmanager
def public_submission(env, constraints=None):
    """Store a public submission all or nothing, in a savepoint.

    ``constraints`` maps the name of a unique index or constraint to
    ``(message, status)``: only those IntegrityErrors are the visitor's doing, any
    other one is raised as is. A UserError of the models (validation, access)
    becomes a GovPublicError of bad input."""
    try:
        with env.cr.savepoint():
            yield
    except psycopg2.IntegrityError as error:
        name = getattr(error.diag, "constraint_name", None)
        if name not in (constraints or {}):
            raise
        message, status = constraints[name]
        raise GovPublicError(message, status) from error
    except GovPublicError:
        raise
    except UserError as error:
        raise GovPublicError(error.args[0]) from error
