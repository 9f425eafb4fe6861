"""Writing to and connecting with a member: offered if and only if the service accepts.

For each state of the member written to (listed to members, public, private, an
unclaimed archive record, already connected, a request waiting either way, a
request declined either way, oneself, the sender's hourly limit reached) and each
actor (visitor, member without a profile, member, staff), the profile page shows
"Send a message" and "Connect" exactly when ``send_contact_message`` and
``request_connection`` accept, and the API's ``options`` on the member say the same.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from members import services
from members.errors import MemberError
from members.models import Connection, ConnectionStatus
from members.policies import CONTACT_LIMIT, contact_key, contact_options
from tests.members.factories import ArchiveProfileFactory, ProfileFactory, UserFactory, make_staff

pytestmark = pytest.mark.django_db

ACTORS = ["visitor", "member_without_profile", "member", "staff"]
STATES = [
    "listed_to_members",
    "public",
    "private",
    "archive_record",
    "connected",
    "request_sent",
    "request_received",
    "declined_by_them",
    "declined_by_me",
    "self",
    "limit_reached",
]


def make_actor(actor):
    if actor == "visitor":
        return AnonymousUser(), None
    if actor == "member_without_profile":
        return UserFactory(), None
    user = make_staff() if actor == "staff" else UserFactory()
    return user, ProfileFactory(user=user)


def make_recipient(state, user, me):
    if state == "self":
        return me or ProfileFactory()
    if state == "public":
        return ProfileFactory(listed_publicly=True)
    if state == "private":
        return ProfileFactory(listed_to_members=False)
    if state == "archive_record":
        return ArchiveProfileFactory()
    recipient = ProfileFactory()
    if state == "limit_reached" and user.is_authenticated:
        cache.set(contact_key(user), CONTACT_LIMIT, 3600)
    if me is not None:
        requester, addressee = (
            (recipient, me) if state in ("request_received", "declined_by_me") else (me, recipient)
        )
        status = {
            "connected": ConnectionStatus.ACCEPTED,
            "request_sent": ConnectionStatus.PENDING,
            "request_received": ConnectionStatus.PENDING,
            "declined_by_them": ConnectionStatus.DECLINED,
            "declined_by_me": ConnectionStatus.DECLINED,
        }.get(state)
        if status is not None:
            Connection.objects.create(requester=requester, addressee=addressee, status=status)
    return recipient


def accepted(action) -> bool:
    try:
        action()
    except MemberError:
        return False
    return True


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("actor", ACTORS)
def test_the_page_offers_what_the_service_accepts(client, actor, state):
    user, me = make_actor(actor)
    recipient = make_recipient(state, user, me)
    if user.is_authenticated:
        client.force_login(user)

    page = client.get(f"/members/{recipient.pk}/")
    html = page.content.decode() if page.status_code == 200 else ""
    offers_contact = f'href="/members/{recipient.pk}/contact/"' in html
    offers_connect = f'action="/members/{recipient.pk}/connect/"' in html
    detail = client.get(f"/api/community/members/{recipient.pk}")
    assert detail.status_code == page.status_code
    options = detail.json()["options"] if detail.status_code == 200 else None

    may_contact = accepted(
        lambda: services.send_contact_message(
            sender=user, recipient=recipient, subject="Bonjour", body="Un mot."
        )
    )
    may_connect = accepted(
        lambda: services.request_connection(
            requester=services.require_profile(user), addressee=recipient
        )
    )

    assert offers_contact == may_contact
    assert offers_connect == may_connect
    if options is None:
        assert not may_contact and not may_connect
    else:
        assert options["can_contact"] == may_contact
        assert options["can_connect"] == may_connect
        assert ("contact_refusal" in options) != may_contact
        assert ("connect_refusal" in options) != may_connect


def test_the_expected_answers_for_a_member():
    """The walk above proves agreement; this says what the rules are."""
    expected = {
        "listed_to_members": (True, True),
        "public": (True, True),
        "private": (False, False),
        "archive_record": (False, False),
        "connected": (True, False),
        "request_sent": (True, False),
        "request_received": (True, False),
        "declined_by_them": (True, False),
        "declined_by_me": (True, True),
        "self": (False, False),
        "limit_reached": (False, True),
    }
    for state, answers in expected.items():
        user, me = make_actor("member")
        recipient = make_recipient(state, user, me)
        options = contact_options(sender=user, recipient=recipient)
        assert (options.can_contact, options.can_connect) == answers, state


def test_staff_may_write_to_a_member_hidden_from_the_directory():
    user, _me = make_actor("staff")
    recipient = make_recipient("private", user, _me)
    assert contact_options(sender=user, recipient=recipient).can_contact
