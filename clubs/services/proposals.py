"""A club's life: a member proposes it, the alumni office opens or declines it,
archives it, reopens it.

A club opens only through ``approve_proposal``: its proposer becomes its leader and
hears of it, so that no club is ever open with nobody to run it. For the same reason
an archived club reopens only with a leader (one it still has, or one staff name).
Only staff (``clubs.change_club``) take these decisions; the admin's action views
call these functions, and the admin forms show the status read-only.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clubs import notifications
from clubs.errors import ClubError
from clubs.models import (
    Club,
    ClubKind,
    ClubStatus,
    ClubVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
)
from clubs.policies import Actor, is_club_staff
from clubs.services.locks import activate, locked_club, locked_membership_of
from members.models import Profile


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
        raise ClubError(_("Give the club a name."), errors={"name": _("Give the club a name.")})
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
        notifications.tell_staff_of_proposal(club)
    return club


def _require_staff(by: Actor, message: str) -> None:
    if not is_club_staff(by):
        raise ClubError(message, status=403)


def _proposed(club: Club) -> Club:
    club = locked_club(club)
    if club.status != ClubStatus.PROPOSED:
        raise ClubError(_("This club is not waiting for approval."), status=409)
    return club


def approve_proposal(*, club: Club, by: Actor) -> Club:
    """Opens a proposed club; its proposer becomes its leader and hears of it."""
    _require_staff(by, _("Only the alumni office can approve a club."))
    with transaction.atomic():
        club = _proposed(club)
        proposer = club.proposed_by
        if proposer is None:
            raise ClubError(
                _(
                    "Nobody would lead this club: name the member who proposes it in its "
                    "form first, so that it does not open without a leader."
                ),
                status=409,
            )
        club.status = ClubStatus.ACTIVE
        club.save(update_fields=["status", "updated_at"])
        membership = locked_membership_of(club, proposer) or Membership(club=club, profile=proposer)
        activate(membership, role=MembershipRole.LEADER, now=timezone.now())
        membership.save()
        notifications.notify("proposal_approved", club=club, profile=proposer)
    return club


def decline_proposal(*, club: Club, by: Actor) -> Club:
    """Declines a proposed club: it is archived, and its proposer hears of it."""
    _require_staff(by, _("Only the alumni office can decline a club."))
    with transaction.atomic():
        club = _proposed(club)
        club.status = ClubStatus.ARCHIVED
        club.save(update_fields=["status", "updated_at"])
        if club.proposed_by is not None:
            notifications.notify("proposal_declined", club=club, profile=club.proposed_by)
    return club


def archive_club(*, club: Club, by: Actor) -> Club:
    """Closes an active club: its page is no longer shown to the community."""
    _require_staff(by, _("Only the alumni office can archive a club."))
    with transaction.atomic():
        club = locked_club(club)
        if club.status != ClubStatus.ACTIVE:
            raise ClubError(_("Only an active club can be archived."), status=409)
        club.status = ClubStatus.ARCHIVED
        club.save(update_fields=["status", "updated_at"])
    return club


def reopen_club(*, club: Club, by: Actor, leader: Profile | None = None) -> Club:
    """Reopens an archived club with a leader: the one it still has, or ``leader``.

    ``leader`` (a claimed profile) becomes an active leader and is told.
    """
    _require_staff(by, _("Only the alumni office can reopen a club."))
    with transaction.atomic():
        club = locked_club(club)
        if club.status != ClubStatus.ARCHIVED:
            raise ClubError(_("Only an archived club can be reopened."), status=409)
        if leader is None and not club.memberships.leaders().exists():
            raise ClubError(
                _("This club has no leader any more: choose who leads it to reopen it."),
                status=409,
                errors={"leader": _("Choose who leads the club.")},
            )
        club.status = ClubStatus.ACTIVE
        club.save(update_fields=["status", "updated_at"])
        if leader is not None:
            if not leader.is_claimed:
                raise ClubError(_("There is no such member."), status=404)
            membership = locked_membership_of(club, leader) or Membership(club=club, profile=leader)
            activate(membership, role=MembershipRole.LEADER, now=timezone.now())
            membership.save()
            notifications.notify("lead_given", club=club, profile=leader)
    return club
