"""Switches that only the server's own code can turn: the one way a guard of the
models is lifted for the code path that does the job (the rating gateway, the review
of a rating, the steps of a work order, a follow-up visit's action).

A client controls the context of its JSON-RPC calls, so no context key may lift a
guard; a ``ContextVar`` set around the privileged call is out of its reach.

    with guard.allowed("gov.evaluation.review"):
        ratings.write(...)
    ...
    if not guard.is_allowed("gov.evaluation.review"):
        raise AccessError(...)
"""

from contextlib import contextmanager
from contextvars import ContextVar

_ALLOWED = ContextVar("gov_guard_allowed", default=frozenset())


@contextmanager
def allowed(*names):
    """Lift the guards ``names`` for the code run inside the ``with`` block."""
    token = _ALLOWED.set(_ALLOWED.get() | frozenset(names))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def is_allowed(name):
    """Whether the guard ``name`` is lifted by the server code running now."""
    return name in _ALLOWED.get()
