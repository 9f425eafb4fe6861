"""A member who goes for good hands their clubs over first.

A member's account erased, or their record deleted by staff: each club they alone
led gets its next leader (its longest-standing moderator, else its longest-standing
active member), who is told; a club with nobody left is archived and the alumni
office told. ``clubs.signal_handlers`` runs it before the profile is deleted.
"""

from __future__ import annotations

from django.db.models import Case, Q, Value, When
from django.utils import timezone

from clubs import notifications
from clubs.models import CLUBS, Club, ClubStatus, Membership, MembershipRole, MembershipStatus
from clubs.services.locks import locked_club
from config import pagecache
from config.locking import lock_one
from members.models import Profile


def _next_in_line(club: Club, leaving: Profile) -> Membership | None:
    """The club's longest-standing moderator, else its longest-standing active member."""
    candidates = (
        club.memberships.active()
        .exclude(profile=leaving)
        .filter(profile__user__is_active=True)
        .select_related("profile")
        .order_by(
            Case(When(role=MembershipRole.MODERATOR, then=Value(0)), default=Value(1)),
            "joined_at",
            "pk",
        )
    )
    first = candidates.values_list("pk", flat=True).first()
    if first is None:
        return None
    return lock_one(Membership.objects.select_related("profile").filter(pk=first))


def _archive(club: Club) -> None:
    club.status = ClubStatus.ARCHIVED
    club.save(update_fields=["status", "updated_at"])
    notifications.tell_staff_of_archived_club(club)


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
        club = locked_club(club)
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
            notifications.notify("lead_handed", club=club, profile=successor.profile)
        elif club.status == ClubStatus.ACTIVE:
            _archive(club)
    current = Membership.objects.filter(
        profile=profile,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING, MembershipStatus.INVITED],
    )
    # One update, which sends no signal: the cached pages of the clubs are purged here.
    pagecache.purge(CLUBS, *(f"club:{pk}" for pk in current.values_list("club_id", flat=True)))
    current.update(
        status=MembershipStatus.LEFT, role=MembershipRole.MEMBER, ended_at=timezone.now()
    )
