"""The members' e-mails, each in its recipient's language (``User.language``).

Sent by background tasks (django-tasks), enqueued by the services once their
transaction commits, through ``home.mail.send_templated``: the institution's name
starts the subject, links are absolute (``config.links.absolute_url``), and what
the e-mail says of a member is what ``members.privacy`` lets the recipient see.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from config.links import absolute_url
from home.mail import send_templated
from members import privacy
from members.models import Connection, ConnectionStatus, ContactMessage


@task()
def send_connection_request(*, connection_id: int) -> None:
    """Tells the member asked that someone wants to connect, and where to answer.

    The member asked sees of the requester what ``members.privacy`` lets them see:
    the name (shown with the request in their network), and the headline and the
    profile's address only if they may see those.
    """
    connection = (
        Connection.objects.select_related("requester__user", "addressee__user")
        .filter(pk=connection_id, status=ConnectionStatus.PENDING)
        .first()
    )
    if connection is None or connection.addressee.user is None:
        return
    reader, requester = connection.addressee.user, connection.requester
    view = (
        privacy.visible_profile(reader, requester, listing=True)
        if privacy.can_view_profile(reader, requester)
        else None
    )
    send_templated(
        to=reader.email,
        subject=_("%(name)s would like to connect with you"),
        template="members/emails/connection_request",
        context={
            "recipient_name": connection.addressee.first_name,
            "name": requester.full_name,
            "requester_name": requester.full_name,
            "headline": view.headline if view else "",
            "requester_url": absolute_url(view.url) if view else "",
            "message": connection.message,
            "network_url": absolute_url(reverse("members:network")),
        },
        language=reader.language,
    )


@task()
def deliver_contact_message(*, message_id: int) -> None:
    """Relays a member's message; neither address is shown to the other."""
    message = (
        ContactMessage.objects.select_related("sender", "recipient__user")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.recipient.user is None:
        return
    sender, recipient = message.sender, message.recipient
    send_templated(
        to=recipient.user.email,
        subject=_("%(name)s: %(message_subject)s"),
        template="members/emails/contact_message",
        context={
            "name": sender.full_name,
            "sender_name": sender.full_name,
            "message_subject": message.subject,
            "sender_url": absolute_url(sender.get_absolute_url()),
            "contact_url": absolute_url(reverse("members:contact", args=[sender.pk])),
            "recipient_name": recipient.first_name,
            "body": message.body,
        },
        language=recipient.user.language,
    )
