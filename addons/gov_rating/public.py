"""What every public channel (pages, forms, machine APIs) shares: the one error of a
refused request and the one way a submission is stored.

- A refused request raises ``GovPublicError``: its message, and its HTTP status
  (``None`` for bad input, which a page answers 400 and a JSON API 422).
- A submission is stored inside ``public_submission``: one savepoint, so that a
  refusal leaves nothing behind and the request goes on to answer; an
  IntegrityError becomes the message of its constraint, and the other errors of
  the models become a ``GovPublicError``.
- What a visitor sends is read with the parsing helpers below: integers in ASCII
  digits only (``int('²')`` fails), tokens and keys in printable ASCII only, no NUL
  byte anywhere (``has_nul``), JSON of bounded size and depth.
"""

import io
import warnings
from contextlib import contextmanager

import psycopg2
from PIL import Image

from odoo.exceptions import UserError

MAX_INT = 2**31 - 1
MAX_TOKEN = 256
# The largest JSON body a machine API reads, and how deep its values may nest.
MAX_JSON_BODY = 64 * 1024
MAX_JSON_DEPTH = 8
# The most pixels an uploaded image may have (a small file can declare a huge
# image that decoding would blow up: a decompression bomb).
MAX_IMAGE_PIXELS = 40_000_000


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


def parse_int(value, maximum=MAX_INT):
    """The integer of ``value`` written in ASCII digits (an int as is), at most
    ``maximum``; None for anything else (Unicode digits, signs, NUL, too large)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value <= maximum else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if number <= maximum else None


def ascii_token(value, limit=MAX_TOKEN):
    """``value`` if it can be a token, key or signature (printable ASCII, at most
    ``limit`` characters), else ''."""
    if not isinstance(value, str) or len(value) > limit:
        return ""
    return value if value.isascii() and value.isprintable() else ""


def has_nul(value):
    """Whether a NUL character hides anywhere in ``value`` (texts, keys and items of
    dicts and lists, however nested)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            if ("\x00" if isinstance(item, str) else b"\x00") in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def json_depth(value):
    """How deep the lists and objects of a parsed JSON value nest."""
    depth, level = 0, [value]
    while level:
        depth += 1
        level = [
            child
            for item in level
            if isinstance(item, dict | list)
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]
    return depth


def image_too_large(content):
    """Whether the image ``content`` declares more than MAX_IMAGE_PIXELS pixels or
    cannot be read; only its header is read, never the pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return True
    return width * height > MAX_IMAGE_PIXELS
