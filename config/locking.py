"""Row locks: how a service keeps the rows its rule reads still until it has written.

A service that checks a rule and then writes (the last seat, a club's last leader)
locks the rows the rule reads first, inside ``transaction.atomic``, and checks again
under the lock — pretix's ``lock_objects``. ``lock()`` is the one way to do it:

- it refuses to run outside a transaction, where a lock would be let go at once;
- it locks in primary-key order, so that two services locking the same rows never
  wait for each other in a circle;
- on PostgreSQL it waits ``settings.LOCK_TIMEOUT`` seconds at most, then refuses with
  a translated "try again" (``LockTimeout``, 409) instead of keeping a request
  hanging. SQLite has no row locks: the settings open every transaction with
  ``BEGIN IMMEDIATE``, which serialises writers.

The concurrency tests prove each lock with a negative control: ``race_hook`` (a
test's fixture sets it, nothing else does) makes ``lock()`` read without locking
and is called at each service's ``race_window()``, between its check and its write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from config.errors import DomainError

M = TypeVar("M", bound=Model)

# PostgreSQL's SQLSTATE for "lock_timeout expired".
LOCK_NOT_AVAILABLE = "55P03"


class LockTimeout(DomainError):
    status = 409

    def __init__(self) -> None:
        super().__init__(str(_("Many people are doing this at the same moment: please try again.")))


class TransactionRequired(RuntimeError):
    """A programming error: a lock taken outside ``transaction.atomic``."""


race_hook: Callable[[], None] | None = None
"""Tests only: while set, ``lock()`` does not lock and ``race_window()`` calls it."""


def lock(queryset: QuerySet[M]) -> list[M]:
    """The rows of ``queryset``, locked until the transaction ends, in primary-key order."""
    return _locked(queryset.order_by("pk"), queryset.db)


def lock_one(queryset: QuerySet[M]) -> M | None:
    """The first row of ``queryset`` by primary key, locked; ``None`` when there is none."""
    rows = _locked(queryset.order_by("pk")[:1], queryset.db)
    return rows[0] if rows else None


def _locked(queryset: QuerySet[M], alias: str) -> list[M]:
    if not transaction.get_connection(alias).in_atomic_block:
        raise TransactionRequired("lock() needs a transaction: wrap the service in atomic().")
    if race_hook is not None:
        return list(queryset)
    _limit_wait(alias)
    try:
        return list(queryset.select_for_update(of=("self",)))
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise LockTimeout() from error
        raise


def race_window() -> None:
    """Where a service has checked its rule and not yet written: the tests' race hook."""
    if race_hook is not None:
        race_hook()


def _limit_wait(alias: str) -> None:
    db = transaction.get_connection(alias)
    if db.vendor == "postgresql":
        with db.cursor() as cursor:
            cursor.execute(
                "SET LOCAL lock_timeout = %s", [f"{int(settings.LOCK_TIMEOUT * 1000)}ms"]
            )


def _is_lock_timeout(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE
