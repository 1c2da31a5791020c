"""Identity helpers (validate and mask what an evaluator or applicant tells us) and
small helpers of the figures and queries."""

import contextlib
import functools
import hashlib
import logging
import re
import threading
import unicodedata
from datetime import date

import psycopg2
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as NumberError

# Beyond these many objects, figures read all rows of the kind (see object_filter).
MANY_IN_TREE = 50
MANY_OBJECTS = 500

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
# A resident ID number in its compact form (what stdnum's compact gives back).
RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")
# Numbers written into a free text: ``\d`` matches full-width digits too, and one
# space or dash may sit between any two digits ("138 1234 5678", "138-1234-5678").
_SEP = r"[\s\-\u2010-\u2015\uff0d]?"
_ALNUM = r"\dA-Za-z\uff21-\uff3a\uff41-\uff5a"
CERT_IN_TEXT = re.compile(
    rf"(?<![{_ALNUM}])"
    rf"(?:\d(?:{_SEP}\d){{16}}{_SEP}[\dXx\uff38\uff58]|\d(?:{_SEP}\d){{14}})"
    rf"(?![{_ALNUM}])"
)
PHONE_IN_TEXT = re.compile(
    rf"(?<!\d)[1\uff11]{_SEP}[3-9\uff13-\uff19](?:{_SEP}\d){{9}}(?!\d)"
)


def normalize_cert(value):
    return (value or "").strip().upper().replace(" ", "")


def normalize_phone(value):
    value = re.sub(r"[\s-]", "", value or "")
    return value[3:] if value.startswith("+86") else value


def cert_kind(value):
    """'person' for a valid resident ID number, 'company' for a valid credit code."""
    if _resident_id_is_valid(value):
        return "person"
    if uscc.is_valid(value):
        return "company"
    return False


def _resident_id_is_valid(value):
    """``stdnum.cn.ric.is_valid``, with its look-up of the birth place (5 ms in
    python-stdnum's region table) made once per region code, and a number already
    written in its compact form (as stored) taken as it is."""
    try:
        number = value if RESIDENT_ID.fullmatch(value) else ric.compact(value)
        if (
            len(number) != 18
            or not number[:-1].isdigit()
            or not number[:-1].isascii()
            or number[-1] != ric.calc_check_digit(number)
        ):
            return False
        # The birth date, as ric.get_birth_date reads it.
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except (NumberError, ValueError):
        return False
    return _birth_place_is_known(number[:6])


@functools.lru_cache(maxsize=8192)
def _birth_place_is_known(region_code):
    try:
        return bool(ric.get_birth_place(region_code))
    except NumberError:
        return False


def phone_is_valid(value):
    return bool(PHONE_RE.match(value))


def mask_cert(value):
    if not value:
        return ""
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "****"


def mask_phone(value):
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 7 else "****"


def mask_name(value):
    if not value:
        return ""
    return value[0] + "*" * max(len(value) - 1, 1)


def mask_text(text, names=()):
    """A free text as shown to those who may not read identities: ID and phone
    numbers (however spaced or written) and the given names masked."""
    if not text:
        return ""

    def number(match):
        value = unicodedata.normalize("NFKC", match.group())
        return "".join(c for c in value if c.isalnum()).upper()

    text = CERT_IN_TEXT.sub(lambda m: mask_cert(number(m)), text)
    text = PHONE_IN_TEXT.sub(lambda m: mask_phone(number(m)), text)
    for name in names:
        if name and len(name) > 1:
            text = text.replace(name, mask_name(name))
    return text


def identity_key(*values):
    """A stable, non-reversible key of the first non-empty value."""
    for value in values:
        if value:
            return hashlib.sha256(value.encode()).hexdigest()
    return False


def violates(error, constraint):
    """Whether the database ``error`` is a violation of the unique index or
    constraint named ``constraint`` (and not of any other)."""
    return (
        isinstance(error, psycopg2.errors.UniqueViolation)
        and error.diag.constraint_name == constraint
    )


class _QuietThreads(logging.Filter):
    """Drops the records of the threads that expect an SQL error and catch it."""

    def __init__(self):
        super().__init__()
        self.local = threading.local()

    def filter(self, record):
        return not getattr(self.local, "quiet", False)


_QUIET_SQL = _QuietThreads()
logging.getLogger("odoo.sql_db").addFilter(_QUIET_SQL)


@contextlib.contextmanager
def sql_error_expected():
    """Inside, the SQL errors of this thread are not logged as "bad query": the
    caller catches the one it expects. Unlike ``mute_logger``, which swaps the
    logger's handlers for the whole process, the errors of other threads are
    still logged, and two threads inside at once do not undo each other."""
    previous = getattr(_QUIET_SQL.local, "quiet", False)
    _QUIET_SQL.local.quiet = True
    try:
        yield
    finally:
        _QUIET_SQL.local.quiet = previous


def rollup_targets(record, hierarchical):
    """The ids a figure of ``record`` counts for: itself, or all its ancestors too."""
    if not hierarchical:
        return [record.id]
    return [int(i) for i in record.parent_path.split("/") if i]


def object_filter(field, ids, hierarchical, whole=False):
    """The domain term selecting the rows that count for the objects ``ids``.

    For many objects, a long id list (or, in a tree, one ``parent_path LIKE`` term
    per object for ``child_of``) costs more than reading all rows: the term is then
    ``IS NOT NULL`` and the caller keeps the wanted objects (and, in a tree, rolls
    the descendants up through ``parent_path``). So it is with ``whole``, when the
    caller needs the sums of all rows of the kind anyway."""
    if whole or len(ids) > (MANY_IN_TREE if hierarchical else MANY_OBJECTS):
        return (field, "!=", False)
    return (field, "child_of" if hierarchical else "in", ids)


@contextlib.contextmanager
def without_jit(cr):
    """Run the queries inside without PostgreSQL's JIT compilation, for the
    transaction's remaining statements inside the block: a query planned over
    millions of ratings is compiled (0.1-0.5 s) even when it reads a few index
    pages per rating. After an error inside, the setting stays off until the
    transaction (or its savepoint) ends."""
    cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
    [(previous, __)] = cr.fetchall()
    yield
    cr.execute("SELECT set_config('jit', %s, true)", [previous])
