"""The clubs' business rules: joining, requests, invitations, roles, proposals, departures.

Views, API endpoints, admin actions and commands call these functions. Each one
takes the club's row lock (``select_for_update``) so that two leaders acting at
once cannot leave a club without a leader, checks, writes in a transaction and
raises ``ClubError`` with a translated message. E-mails leave through a task once
the transaction has committed.

A member who goes away for good (their account erased, or their record deleted by
staff) goes through the same rule: ``hand_over_clubs`` names the next leader of each
club they alone led, or archives the club when nobody is left and tells the alumni
office (``clubs.signal_handlers`` runs it before the profile is deleted).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from clubs.models import (
    MANAGING_ROLES,
    Announcement,
    Club,
    ClubKind,
    ClubStatus,
    ClubVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from config.links import absolute_url
from members import privacy
from members.models import Profile

MANAGE_PERMISSION = "clubs.change_club"


class ClubError(Exception):
    """A rule said no; ``message`` is translated and meant for the member."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# Who may do what ---------------------------------------------------------------


def is_club_staff(user) -> bool:
    """Staff of the alumni office: they manage every club, from the admin or its space."""
    return bool(user is not None and user.is_authenticated and user.has_perm(MANAGE_PERMISSION))


def membership_of(club: Club, profile: Profile | None) -> Membership | None:
    if profile is None:
        return None
    return Membership.objects.filter(club=club, profile=profile).first()


def can_manage(*, club: Club, user, profile: Profile | None = None) -> bool:
    """Whether ``user`` may use the club's leaders' space: its leaders, moderators, staff."""
    if is_club_staff(user):
        return True
    return club.is_managed_by(profile)


def can_change_roles(*, club: Club, user, profile: Profile | None = None) -> bool:
    if is_club_staff(user):
        return True
    return club.memberships.leaders().filter(profile=profile).exists() if profile else False


def can_view(*, club: Club, user, profile: Profile | None = None) -> bool:
    """Whether ``user`` may see the club's page.

    Active clubs follow their visibility; a proposed or archived club is seen by
    staff, its proposer and its members only.
    """
    if club.status == ClubStatus.ACTIVE:
        return club.visibility == ClubVisibility.PUBLIC or bool(
            user is not None and user.is_authenticated
        )
    if is_club_staff(user):
        return True
    if profile is None:
        return False
    return club.proposed_by_id == profile.pk or club.has_member(profile)


UNLOCKED_RACE_WINDOW = None
"""For the negative control of the concurrency test only; ``None`` everywhere else.

``tests/clubs/test_concurrency.py`` sets it (through ``monkeypatch``) to a callable
to prove that its harness catches a race: while it is set, ``_locked`` skips the
club's row lock and ``leave`` calls it between its check and its write, so that two
leaders leaving at once can both pass the check.
"""


def _locked(club: Club) -> Club:
    if UNLOCKED_RACE_WINDOW is not None:
        return Club.objects.get(pk=club.pk)
    return Club.objects.select_for_update().get(pk=club.pk)


def _require_manager(club: Club, user, profile: Profile | None) -> None:
    if not can_manage(club=club, user=user, profile=profile):
        raise ClubError(_("Only the club's leaders and moderators can do this."), status=403)


def _require_active(club: Club) -> None:
    if club.status != ClubStatus.ACTIVE:
        raise ClubError(_("This club is not open yet, or no longer is."), status=409)


def _membership_for_update(club: Club, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("profile")
        .filter(club=club, pk=membership_id)
        .first()
    )
    if membership is None:
        raise ClubError(_("There is no such membership in this club."), status=404)
    return membership


def _others_lead(club: Club, membership: Membership) -> bool:
    return club.memberships.leaders().exclude(pk=membership.pk).exists()


def _activate(membership: Membership, *, role: str = MembershipRole.MEMBER) -> None:
    membership.status = MembershipStatus.ACTIVE
    membership.role = role
    membership.joined_at = timezone.now()
    membership.ended_at = None


# A member's own actions --------------------------------------------------------


def join(*, club: Club, profile: Profile, message: str = "") -> Membership:
    """Joins ``club`` as its policy allows.

    Open clubs: the member is in at once. Clubs on approval: a request goes to the
    leaders. Clubs by invitation: only an invited member gets in (accepting the
    invitation); anyone else is refused.
    """
    with transaction.atomic():
        club = _locked(club)
        _require_active(club)
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .filter(club=club, profile=profile)
            .first()
        )
        if membership is not None:
            if membership.status == MembershipStatus.ACTIVE:
                raise ClubError(_("You are already a member of this club."), status=409)
            if membership.status == MembershipStatus.PENDING:
                raise ClubError(
                    _("Your request to join is already waiting for the leaders' answer."),
                    status=409,
                )
            if membership.status == MembershipStatus.INVITED:
                return _accept_invitation(club, membership)
        else:
            membership = Membership(club=club, profile=profile)
        match club.join_policy:
            case JoinPolicy.OPEN:
                _activate(membership)
                membership.message = ""
            case JoinPolicy.APPROVAL:
                membership.status = MembershipStatus.PENDING
                membership.role = MembershipRole.MEMBER
                membership.message = message.strip()[:1000]
                membership.created_at = timezone.now()
                membership.ended_at = None
            case _:
                raise ClubError(_("This club welcomes members by invitation only."), status=403)
        membership.save()
        if membership.status == MembershipStatus.PENDING:
            _notify("request", club=club, profile=profile)
    return membership


def _accept_invitation(club: Club, membership: Membership) -> Membership:
    _activate(membership)
    membership.save()
    return membership


def accept_invitation(*, club: Club, profile: Profile) -> Membership:
    with transaction.atomic():
        club = _locked(club)
        _require_active(club)
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .filter(club=club, profile=profile, status=MembershipStatus.INVITED)
            .first()
        )
        if membership is None:
            raise ClubError(_("You have no invitation to this club."), status=404)
        return _accept_invitation(club, membership)


def decline_invitation(*, club: Club, profile: Profile) -> None:
    with transaction.atomic():
        club = _locked(club)
        deleted, _rows = Membership.objects.filter(
            club=club, profile=profile, status=MembershipStatus.INVITED
        ).delete()
        if not deleted:
            raise ClubError(_("You have no invitation to this club."), status=404)


def leave(*, club: Club, profile: Profile) -> None:
    """Leaves the club, or withdraws a request still waiting.

    The last leader cannot leave: they name another leader first.
    """
    with transaction.atomic():
        club = _locked(club)
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .filter(
                club=club,
                profile=profile,
                status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING],
            )
            .first()
        )
        if membership is None:
            raise ClubError(_("You are not a member of this club."), status=409)
        if membership.status == MembershipStatus.PENDING:
            membership.delete()
            return
        if membership.role == MembershipRole.LEADER and not _others_lead(club, membership):
            raise ClubError(
                _(
                    "You are this club's only leader: name another leader before you leave, "
                    "so that the club keeps someone to run it."
                ),
                status=409,
            )
        if UNLOCKED_RACE_WINDOW is not None:
            UNLOCKED_RACE_WINDOW()
        membership.status = MembershipStatus.LEFT
        membership.role = MembershipRole.MEMBER
        membership.ended_at = timezone.now()
        membership.save()


# The leaders' actions ----------------------------------------------------------


def approve_request(
    *, club: Club, membership_id: int, by, by_profile: Profile | None
) -> Membership:
    with transaction.atomic():
        club = _locked(club)
        _require_manager(club, by, by_profile)
        membership = _membership_for_update(club, membership_id)
        if membership.status != MembershipStatus.PENDING:
            raise ClubError(_("This request is no longer waiting for an answer."), status=409)
        _activate(membership)
        membership.save()
        _notify("approved", club=club, profile=membership.profile)
    return membership


def reject_request(*, club: Club, membership_id: int, by, by_profile: Profile | None) -> Membership:
    with transaction.atomic():
        club = _locked(club)
        _require_manager(club, by, by_profile)
        membership = _membership_for_update(club, membership_id)
        if membership.status != MembershipStatus.PENDING:
            raise ClubError(_("This request is no longer waiting for an answer."), status=409)
        membership.status = MembershipStatus.REJECTED
        membership.ended_at = timezone.now()
        membership.save()
        _notify("rejected", club=club, profile=membership.profile)
    return membership


def invite(*, club: Club, invitee: Profile, by, by_profile: Profile | None) -> Membership:
    """Invites a member the inviter can find in the directory."""
    with transaction.atomic():
        club = _locked(club)
        _require_manager(club, by, by_profile)
        _require_active(club)
        if not invitee.is_claimed or not privacy.can_view_profile(by, invitee):
            raise ClubError(_("There is no such member."), status=404)
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .filter(club=club, profile=invitee)
            .first()
        )
        if membership is not None:
            if membership.status == MembershipStatus.ACTIVE:
                raise ClubError(_("This member already belongs to the club."), status=409)
            if membership.status == MembershipStatus.INVITED:
                raise ClubError(_("This member has already been invited."), status=409)
            if membership.status == MembershipStatus.PENDING:
                raise ClubError(
                    _("This member already asked to join: approve their request instead."),
                    status=409,
                )
        else:
            membership = Membership(club=club, profile=invitee)
        membership.status = MembershipStatus.INVITED
        membership.role = MembershipRole.MEMBER
        membership.invited_by = by_profile
        membership.ended_at = None
        membership.save()
        _notify("invited", club=club, profile=invitee)
    return membership


def change_role(
    *, club: Club, membership_id: int, role: str, by, by_profile: Profile | None
) -> Membership:
    """Names a leader, a moderator or a plain member. Leaders and staff only.

    A club keeps at least one leader: demoting the last one is refused.
    """
    if role not in MembershipRole.values:
        raise ClubError(_("This role does not exist."))
    with transaction.atomic():
        club = _locked(club)
        if not can_change_roles(club=club, user=by, profile=by_profile):
            raise ClubError(_("Only the club's leaders can change roles."), status=403)
        membership = _membership_for_update(club, membership_id)
        if membership.status != MembershipStatus.ACTIVE:
            raise ClubError(_("Only active members can be given a role."), status=409)
        if (
            membership.role == MembershipRole.LEADER
            and role != MembershipRole.LEADER
            and not _others_lead(club, membership)
        ):
            raise ClubError(
                _(
                    "This is the club's only leader: name another leader first, "
                    "so that the club keeps someone to run it."
                ),
                status=409,
            )
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def post_announcement(
    *, club: Club, title: str, body: str, by, by_profile: Profile | None
) -> Announcement:
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ClubError(_("An announcement needs a title and a text."))
    with transaction.atomic():
        club = _locked(club)
        _require_manager(club, by, by_profile)
        return Announcement.objects.create(club=club, author=by_profile, title=title, body=body)


def delete_announcement(
    *, club: Club, announcement_id: int, by, by_profile: Profile | None
) -> None:
    with transaction.atomic():
        club = _locked(club)
        _require_manager(club, by, by_profile)
        deleted, _rows = Announcement.objects.filter(club=club, pk=announcement_id).delete()
        if not deleted:
            raise ClubError(_("There is no such announcement."), status=404)


# Proposing a club --------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "club"
    slug, number = base, 2
    while Club.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def propose_club(
    *,
    profile: Profile,
    name: str,
    kind: str,
    summary: str = "",
    description: str = "",
    city: str = "",
    country: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    join_policy: str = JoinPolicy.OPEN,
    visibility: str = ClubVisibility.PUBLIC,
    themes: list[str] | tuple[str, ...] = (),
) -> Club:
    """A member proposes a club; it opens once staff approve it, with them as leader."""
    name = name.strip()
    if not name:
        raise ClubError(_("Give the club a name."))
    if kind not in ClubKind.values:
        raise ClubError(_("This kind of club does not exist."))
    if kind == ClubKind.GEOGRAPHIC and (not city.strip() or latitude is None or longitude is None):
        raise ClubError(_("A geographic club needs a city and its position on the map."))
    if Club.objects.filter(name__iexact=name).exists():
        raise ClubError(_("A club with this name already exists."), status=409)
    with transaction.atomic():
        club = Club(
            name=name,
            slug=_unique_slug(name),
            kind=kind,
            summary=summary.strip(),
            description=description.strip(),
            city=city.strip(),
            country=country.strip().upper(),
            latitude=latitude,
            longitude=longitude,
            join_policy=join_policy,
            visibility=visibility,
            status=ClubStatus.PROPOSED,
            proposed_by=profile,
        )
        club.full_clean()
        club.save()
        if themes:
            club.themes.set([theme.strip() for theme in themes if theme.strip()])
        club_pk = club.pk
        transaction.on_commit(lambda: send_proposal_to_staff.enqueue(club_id=club_pk))
    return club


def approve_proposal(*, club: Club, by) -> Club:
    """Opens a proposed club; its proposer becomes its leader and hears of it."""
    if not is_club_staff(by):
        raise ClubError(_("Only the alumni office can approve a club."), status=403)
    with transaction.atomic():
        club = _locked(club)
        if club.status != ClubStatus.PROPOSED:
            raise ClubError(_("This club is not waiting for approval."), status=409)
        club.status = ClubStatus.ACTIVE
        club.save(update_fields=["status", "updated_at"])
        if club.proposed_by_id:
            membership, _created = Membership.objects.get_or_create(
                club=club,
                profile_id=club.proposed_by_id,
                defaults={"status": MembershipStatus.ACTIVE, "joined_at": timezone.now()},
            )
            _activate(membership, role=MembershipRole.LEADER)
            membership.save()
            _notify("proposal_approved", club=club, profile=membership.profile)
    return club


# A member's departure --------------------------------------------------------------


def _next_in_line(club: Club, leaving: Profile) -> Membership | None:
    """The club's longest-standing moderator, else its longest-standing active member."""
    return (
        club.memberships.active()
        .exclude(profile=leaving)
        .filter(profile__user__is_active=True)
        .select_for_update(of=("self",))
        .select_related("profile")
        .order_by(
            Case(When(role=MembershipRole.MODERATOR, then=Value(0)), default=Value(1)),
            "joined_at",
            "pk",
        )
        .first()
    )


def _archive(club: Club) -> None:
    club.status = ClubStatus.ARCHIVED
    club.save(update_fields=["status", "updated_at"])
    club_pk = club.pk
    transaction.on_commit(lambda: send_archived_club_to_staff.enqueue(club_id=club_pk))


def hand_over_clubs(*, profile: Profile) -> None:
    """Keeps every club ``profile`` leads alone in someone's hands before they go for good.

    For each such club, under its row lock, the next in line becomes its leader and is
    told; a club with no other active member is archived and the alumni office told.
    A club the member proposed that is still waiting for approval would open with no
    leader: it is archived too. Then the member's own memberships end. Runs inside the
    transaction that deletes the profile, or the account, which leaves the record
    unclaimed.
    """
    led = (
        Club.objects.filter(
            Q(
                memberships__profile=profile,
                memberships__status=MembershipStatus.ACTIVE,
                memberships__role=MembershipRole.LEADER,
            )
            | Q(proposed_by=profile, status=ClubStatus.PROPOSED)
        )
        .distinct()
        .order_by("pk")
    )
    for club in led:
        club = _locked(club)
        if club.status == ClubStatus.PROPOSED:
            if club.proposed_by_id == profile.pk:
                _archive(club)
            continue
        if club.memberships.leaders().exclude(profile=profile).exists():
            continue
        successor = _next_in_line(club, profile)
        if successor is not None:
            successor.role = MembershipRole.LEADER
            successor.save(update_fields=["role"])
            _notify("lead_handed", club=club, profile=successor.profile)
        elif club.status == ClubStatus.ACTIVE:
            _archive(club)
    Membership.objects.filter(
        profile=profile,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING, MembershipStatus.INVITED],
    ).update(status=MembershipStatus.LEFT, role=MembershipRole.MEMBER, ended_at=timezone.now())


# Reading -------------------------------------------------------------------------


def my_memberships(profile: Profile | None):
    """A member's clubs, requests and invitations, for the dashboard and the API."""
    if profile is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(profile=profile)
        .filter(
            Q(status=MembershipStatus.ACTIVE)
            | Q(
                status__in=[MembershipStatus.PENDING, MembershipStatus.INVITED],
                club__status=ClubStatus.ACTIVE,
            )
        )
        .select_related("club")
        .order_by("club__name")
    )


def managers_of(club: Club):
    return club.memberships.active().filter(role__in=MANAGING_ROLES)


def club_approvers():
    """The alumni office's staff who may approve a proposed club.

    Active users holding the permission to change clubs, directly or through a
    group, and superusers; only those with an e-mail address.
    """
    app_label, codename = MANAGE_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def proposed_clubs():
    """Clubs waiting for the alumni office's approval, oldest first."""
    return (
        Club.objects.filter(status=ClubStatus.PROPOSED)
        .select_related("proposed_by")
        .order_by("created_at", "pk")
    )


# Notifications -------------------------------------------------------------------

NOTIFICATIONS = {
    "request": "clubs/emails/request.txt",
    "approved": "clubs/emails/approved.txt",
    "rejected": "clubs/emails/rejected.txt",
    "invited": "clubs/emails/invited.txt",
    "proposal_approved": "clubs/emails/proposal_approved.txt",
    "lead_handed": "clubs/emails/lead_handed.txt",
}


def _notify(event: str, *, club: Club, profile: Profile) -> None:
    transaction.on_commit(
        lambda: send_club_notification.enqueue(event=event, club_id=club.pk, profile_id=profile.pk)
    )


def _subject(event: str, club: Club, member: Profile) -> str:
    subjects = {
        "request": _("%(member)s asks to join %(club)s"),
        "approved": _("Welcome to %(club)s"),
        "rejected": _("Your request to join %(club)s"),
        "invited": _("You are invited to join %(club)s"),
        "proposal_approved": _("%(club)s is open"),
        "lead_handed": _("You now lead %(club)s"),
    }
    return subjects[event] % {"club": club.name, "member": member.full_name}


@task()
def send_club_notification(*, event: str, club_id: int, profile_id: int) -> None:
    """Tells the people concerned what happened in a club.

    A request goes to the club's leaders and moderators; every other event goes to
    the member it is about.
    """
    club = Club.objects.get(pk=club_id)
    member = Profile.objects.select_related("user").get(pk=profile_id)
    if event == "request":
        recipients = [
            membership.profile
            for membership in managers_of(club).select_related("profile__user")
            if membership.profile.user_id
        ]
    else:
        recipients = [member] if member.user_id else []
    with translation.override(settings.LANGUAGE_CODE):
        for recipient in recipients:
            context = {
                "recipient_name": recipient.first_name,
                "member_name": member.full_name,
                "club_name": club.name,
                "club_url": absolute_url(club.get_absolute_url()),
                "manage_url": absolute_url(reverse("clubs:manage", args=[club.slug])),
                "directory_url": absolute_url(reverse("clubs:directory")),
            }
            EmailMessage(
                subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _subject(event, club, member),
                body=render_to_string(NOTIFICATIONS[event], context),
                to=[recipient.user.email],
            ).send()


@task()
def send_proposal_to_staff(*, club_id: int) -> None:
    """Tells the staff who may approve it that a member proposed a club."""
    club = Club.objects.select_related("proposed_by").get(pk=club_id)
    if club.status != ClubStatus.PROPOSED:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _mail_club_approvers(
            _("A club awaits your approval: %(club)s") % {"club": club.name},
            "clubs/emails/proposed.txt",
            {
                "member_name": club.proposed_by.full_name if club.proposed_by else "",
                "club_name": club.name,
                "summary": club.summary,
                "approve_url": absolute_url(reverse("club_admin:approve", args=[club.pk])),
            },
        )


@task()
def send_archived_club_to_staff(*, club_id: int) -> None:
    """Tells the staff who run the clubs that a club was archived for want of a leader."""
    club = Club.objects.get(pk=club_id)
    if club.status != ClubStatus.ARCHIVED:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _mail_club_approvers(
            _("A club was archived: %(club)s has nobody left to lead it") % {"club": club.name},
            "clubs/emails/archived.txt",
            {
                "club_name": club.name,
                "edit_url": absolute_url(reverse("club_admin:edit", args=[club.pk])),
            },
        )


def _mail_club_approvers(subject: str, template: str, context: dict) -> None:
    """Sends one e-mail to each member of staff who may approve clubs."""
    body = render_to_string(template, context)
    for user in club_approvers():
        EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[user.email]
        ).send()
