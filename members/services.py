"""The members' business rules: profiles, consent, the network, the contact relay.

Views, API endpoints, admin actions and commands call these functions; each checks,
writes in a transaction and raises ``MemberError`` with a translated message.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from config.links import absolute_url
from config.locking import lock
from home import places
from members import privacy
from members.errors import MemberError
from members.models import (
    Connection,
    ConnectionStatus,
    Consent,
    ContactMessage,
    Profile,
    User,
)
from members.policies import CONTACT_LIMIT, CONTACT_WINDOW_SECONDS, contact_key, contact_options
from members.policies import contact_messages_left as contact_messages_left
from members.policies import profile_of as profile_of
from members.policies import require_profile as require_profile

PRIVACY_NOTICE_VERSION = "2026-11"


def record_consent(*, user: User, notice_version: str = PRIVACY_NOTICE_VERSION) -> Consent:
    return Consent.objects.create(user=user, notice_version=notice_version)


# The network ---------------------------------------------------------------


def request_connection(*, requester: Profile, addressee: Profile, message: str = "") -> Connection:
    """``requester`` asks ``addressee`` to connect, if ``members.policies`` lets them.

    The pair's row is locked first, then the policy asked under the lock; two first
    requests at once meet the database's one-row-per-pair constraint.
    """
    with transaction.atomic():
        lock(Connection.objects.between(requester, addressee))
        contact_options(sender=requester.user, recipient=addressee).raise_if_refused("connect")
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
        transaction.on_commit(lambda: send_connection_request.enqueue(connection_id=connection.pk))
    return connection


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
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "recipient_name": connection.addressee.first_name,
            "requester_name": requester.full_name,
            "headline": view.headline if view else "",
            "requester_url": absolute_url(view.url) if view else "",
            "message": connection.message,
            "network_url": absolute_url(reverse("members:network")),
        }
        EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + _("%(name)s would like to connect with you") % {"name": requester.full_name},
            body=render_to_string("members/emails/connection_request.txt", context),
            to=[reader.email],
        ).send()


def _connection_for(profile: Profile, connection_id: int) -> Connection:
    connection = (
        Connection.objects.select_for_update().involving(profile).filter(pk=connection_id).first()
    )
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
    network = {"connected": [], "received": [], "sent": []}
    for connection in connections:
        if connection.status == ConnectionStatus.ACCEPTED:
            key = "connected"
        elif connection.status == ConnectionStatus.PENDING:
            key = "received" if connection.addressee_id == profile.pk else "sent"
        else:
            continue
        network[key].append((connection, connection.other(profile)))
    return network


# The contact relay ---------------------------------------------------------


def _count_contact_message(user: User) -> int:
    """Counts one more message in ``user``'s hour and returns how many it holds.

    The hour opens with the first message: ``add`` writes the counter with its
    expiry, or does nothing when the counter exists. ``incr`` then adds one without
    touching the expiry, atomically for every worker on production's Redis (INCR),
    so two workers cannot both take the last message. If the hour closes between
    the two calls, ``incr`` finds nothing (local memory) or, on Redis, opens a
    counter at 1 with no expiry: either way a new hour starts here.
    """
    key = contact_key(user)
    while not cache.add(key, 1, CONTACT_WINDOW_SECONDS):
        try:
            count = cache.incr(key)
        except ValueError:
            continue
        if count == 1:
            cache.touch(key, CONTACT_WINDOW_SECONDS)
        return count
    return 1


def send_contact_message(*, sender: User, recipient: Profile, subject: str, body: str) -> None:
    """Relays a message to ``recipient`` by e-mail; neither address is shown to the other.

    ``members.policies.contact_options`` says whether ``sender`` may; a member may
    send ``CONTACT_LIMIT`` messages an hour, counted here atomically. The message is
    kept: both members find it in their data export, and it goes with either one's
    erasure.
    """
    contact_options(sender=sender, recipient=recipient).raise_if_refused("contact")
    sender_profile = require_profile(sender)
    if _count_contact_message(sender) > CONTACT_LIMIT:
        raise MemberError(
            _("You have sent %(limit)s messages in the last hour; please try again later.")
            % {"limit": CONTACT_LIMIT},
            status=429,
        )
    message = ContactMessage.objects.create(
        sender=sender_profile, recipient=recipient, subject=subject, body=body
    )
    transaction.on_commit(lambda: deliver_contact_message.enqueue(message_id=message.pk))


@task()
def deliver_contact_message(*, message_id: int) -> None:
    message = (
        ContactMessage.objects.select_related("sender", "recipient__user")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.recipient.user is None:
        return
    sender, recipient = message.sender, message.recipient
    context = {
        "sender_name": sender.full_name,
        "sender_url": absolute_url(sender.get_absolute_url()),
        "contact_url": absolute_url(sender.get_absolute_url() + "contact/"),
        "recipient_name": recipient.first_name,
        "body": message.body,
    }
    EmailMessage(
        subject=_("[Cercle] %(name)s: %(subject)s")
        % {"name": sender.full_name, "subject": message.subject},
        body=render_to_string("members/emails/contact_message.txt", context),
        to=[recipient.user.email],
    ).send()


# The dashboard ---------------------------------------------------------------

COMPLETENESS_STEPS = (
    ("photo", lambda p: bool(p.photo), gettext_lazy("Add a photo")),
    ("headline", lambda p: bool(p.headline), gettext_lazy("Write a headline")),
    ("biography", lambda p: bool(p.biography), gettext_lazy("Tell your story in a few lines")),
    ("location", lambda p: bool(p.city and p.country), gettext_lazy("Say where you live")),
    (
        "education",
        lambda p: p.education.exists(),
        gettext_lazy("Add your studies at the university"),
    ),
    (
        "experience",
        lambda p: p.experience.exists(),
        gettext_lazy("Add your professional experience"),
    ),
    ("expertise", lambda p: p.expertise.exists(), gettext_lazy("Name your expertise domains")),
    ("cv", lambda p: bool(p.cv), gettext_lazy("Upload your CV")),
)


def profile_completeness(profile: Profile | None) -> dict:
    """How complete a profile is (percent) and the next steps, in order."""
    if profile is None:
        return {"percent": 0, "next_steps": [], "has_profile": False}
    done = [(key, label) for key, check, label in COMPLETENESS_STEPS if check(profile)]
    todo = [(key, label) for key, check, label in COMPLETENESS_STEPS if not check(profile)]
    # Names count as the first step, which every profile has.
    total = len(COMPLETENESS_STEPS) + 1
    return {
        "percent": round(100 * (len(done) + 1) / total),
        "next_steps": todo,
        "has_profile": True,
    }


# Editing through the API -----------------------------------------------------

EDITABLE_FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "headline",
    "biography",
    "city",
    "country",
    "contact_email",
    "phone",
    "website",
    "linkedin",
    "other_links",
    "languages",
    "open_to_opportunities",
    "hiring",
    "volunteer_mentor",
    "listed_publicly",
    "listed_to_members",
)


def _place_profile(profile: Profile, errors: dict, *, country_given: bool) -> None:
    """The city named becomes the gazetteer's, with its country and position, as the
    profile form does: a city changed never keeps the previous city's point on the map."""
    if not profile.city:
        profile.latitude = profile.longitude = None
        return
    try:
        place = places.resolve_place(profile.city, country=profile.country if country_given else "")
    except places.UnknownPlace as error:
        errors.setdefault("city", []).append(error.message)
        return
    profile.city, profile.country = place.name, place.country
    profile.latitude, profile.longitude = place.latitude, place.longitude


def update_profile(
    *,
    profile: Profile,
    changes: dict,
    visibilities: dict[str, str] | None = None,
    expertise: list[str] | None = None,
) -> Profile:
    """Applies ``changes`` to the owner's profile, or nothing at all if one is invalid.

    Raises ``MemberError`` whose ``errors`` maps each bad field to its messages.
    """
    from django.core.exceptions import ValidationError

    from members.visibility import SECTIONS, Visibility

    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise MemberError(
            _("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    errors: dict[str, list[str]] = {}
    for section, visibility in (visibilities or {}).items():
        if section not in SECTIONS:
            errors.setdefault("visibilities", []).append(
                _("Unknown section “%(section)s”.") % {"section": section}
            )
        elif visibility not in Visibility.values:
            errors.setdefault("visibilities", []).append(
                _("Unknown visibility “%(value)s” for “%(section)s”.")
                % {"value": visibility, "section": section}
            )
    with transaction.atomic():
        locked = Profile.objects.select_for_update().get(pk=profile.pk)
        for name, value in changes.items():
            setattr(locked, name, value)
        if {"city", "country"} & set(changes):
            _place_profile(locked, errors, country_given="country" in changes)
        for section, visibility in (visibilities or {}).items():
            if section in SECTIONS and visibility in Visibility.values:
                setattr(locked, SECTIONS[section].visibility_field, visibility)
        try:
            locked.full_clean(exclude=["user", "photo", "cv"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise MemberError(
                _("The profile was not saved: some values are not valid."), errors=errors
            )
        locked.save()
        if expertise is not None:
            locked.expertise.set([name.strip() for name in expertise if name.strip()][:30])
    return locked
