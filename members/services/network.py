"""The network: members ask each other to connect, answer, withdraw and part.

Who may ask is ``members.policies.contact_options`` (read by the profile page and
the API too); each function here locks the pair's row, asks again under the lock
and writes. The member asked hears of a request by e-mail
(``members.notifications.send_connection_request``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.locking import lock
from members import notifications
from members.errors import MemberError
from members.models import Connection, ConnectionStatus, Profile
from members.policies import contact_options


def request_connection(*, requester: Profile, addressee: Profile, message: str = "") -> Connection:
    """``requester`` asks ``addressee`` to connect, if ``members.policies`` lets them.

    The pair's row is locked first, then the policy asked under the lock; two first
    requests at once meet the database's one-row-per-pair constraint.
    """
    with transaction.atomic():
        lock(Connection.objects.between(requester, addressee))
        # An archive record nobody has claimed has no account: nobody is signed in as it,
        # and the policy refuses it as it refuses a visitor.
        sender = requester.user if requester.user is not None else AnonymousUser()
        contact_options(sender=sender, recipient=addressee).raise_if_refused("connect")
        existing = Connection.objects.between(requester, addressee).first()
        if existing is None:
            try:
                with transaction.atomic():
                    connection = Connection.objects.create(
                        requester=requester, addressee=addressee, message=message
                    )
            except IntegrityError as error:
                raise MemberError(_("A request between you two already exists.")) from error
        else:
            # The member who declined asks in turn: the same row, the other way round.
            connection = existing
            connection.requester, connection.addressee = requester, addressee
            connection.status = ConnectionStatus.PENDING
            connection.message = message
            connection.created_at = timezone.now()
            connection.responded_at = None
            connection.save()
        transaction.on_commit(
            lambda: notifications.send_connection_request.enqueue(connection_id=connection.pk)
        )
    return connection


def _connection_for(profile: Profile, connection_id: int) -> Connection:
    rows = lock(Connection.objects.involving(profile).filter(pk=connection_id))
    connection = rows[0] if rows else None
    if connection is None:
        raise MemberError(_("There is no such connection request."), status=404)
    return connection


def answer_connection(*, profile: Profile, connection_id: int, accept: bool) -> Connection:
    """The addressee accepts or declines a pending request."""
    with transaction.atomic():
        connection = _connection_for(profile, connection_id)
        if connection.addressee_id != profile.pk:
            raise MemberError(_("Only the member asked can answer this request."), status=403)
        if connection.status != ConnectionStatus.PENDING:
            raise MemberError(_("This request has already been answered."))
        connection.status = ConnectionStatus.ACCEPTED if accept else ConnectionStatus.DECLINED
        connection.responded_at = timezone.now()
        connection.save(update_fields=["status", "responded_at"])
        return connection


def withdraw_connection(*, profile: Profile, connection_id: int) -> None:
    """The requester takes back a request that has not been answered."""
    with transaction.atomic():
        connection = _connection_for(profile, connection_id)
        if connection.requester_id != profile.pk:
            raise MemberError(_("Only the member who asked can withdraw this request."), status=403)
        if connection.status != ConnectionStatus.PENDING:
            raise MemberError(_("This request has already been answered."))
        connection.delete()


def remove_connection(*, profile: Profile, connection_id: int) -> None:
    """Either member ends an accepted connection."""
    with transaction.atomic():
        connection = _connection_for(profile, connection_id)
        if connection.status != ConnectionStatus.ACCEPTED:
            raise MemberError(_("You are not connected with this member."))
        connection.delete()


def network_of(profile: Profile) -> dict[str, list[tuple[Connection, Profile]]]:
    """``profile``'s connections and pending requests, each with the other member."""
    connections = Connection.objects.involving(profile).select_related("requester", "addressee")
    network: dict[str, list[tuple[Connection, Profile]]] = {
        "connected": [],
        "received": [],
        "sent": [],
    }
    for connection in connections:
        if connection.status == ConnectionStatus.ACCEPTED:
            key = "connected"
        elif connection.status == ConnectionStatus.PENDING:
            key = "received" if connection.addressee_id == profile.pk else "sent"
        else:
            continue
        network[key].append((connection, connection.other(profile)))
    return network
