"""The row-locking helper: inside a transaction only, and a clear refusal when it waits too long."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import translation

from config import locking
from members.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lock_outside_a_transaction_is_a_programming_error():
    with pytest.raises(locking.TransactionRequired):
        locking.lock(User.objects.all())


def test_rows_come_locked_in_primary_key_order():
    users = [User.objects.create_user(f"u{n}@example.org") for n in range(3)]
    with transaction.atomic():
        locked = locking.lock(User.objects.filter(pk__in=[u.pk for u in users]).order_by("-pk"))
        assert [u.pk for u in locked] == sorted(u.pk for u in users)
        assert locking.lock_one(User.objects.filter(pk=users[1].pk)) == users[1]
        assert locking.lock_one(User.objects.filter(pk=-1)) is None


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises whole transactions: no row locks."
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_waiting_too_long_for_a_row_asks_to_try_again(settings):
    settings.LOCK_TIMEOUT = 0.3
    user = User.objects.create_user("held@example.org")
    held, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            locking.lock(User.objects.filter(pk=user.pk))
            held.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        with (
            translation.override("en"),
            pytest.raises(locking.LockTimeout) as refused,
            transaction.atomic(),
        ):
            locking.lock(User.objects.filter(pk=user.pk))
    finally:
        release.set()
        holder.join()

    assert refused.value.status == 409
    assert "try again" in refused.value.message
    with transaction.atomic():
        assert locking.lock(User.objects.filter(pk=user.pk)) == [user]
