"""The rows a club's rules read, locked in one order: the club first, then a membership."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from clubs.errors import ClubError
from clubs.models import Club, Membership, MembershipRole, MembershipStatus
from config.locking import lock_one
from members.models import Profile


def locked_club(club: Club) -> Club:
    """``club``'s row, locked until the transaction ends, as it is now."""
    locked = lock_one(Club.objects.filter(pk=club.pk))
    if locked is None:
        raise ClubError(_("There is no such club."), status=404)
    return locked


def locked_membership_of(club: Club, profile: Profile) -> Membership | None:
    return lock_one(Membership.objects.filter(club=club, profile=profile))


def accepted(membership: Membership | None) -> Membership:
    """The membership the policy just let the member act on (it found one, or refused)."""
    if membership is None:
        raise ClubError(_("You are not a member of this club."), status=409)
    return membership


def locked_membership(club: Club, membership_id: int) -> Membership:
    membership = lock_one(
        Membership.objects.select_related("profile").filter(club=club, pk=membership_id)
    )
    if membership is None:
        raise ClubError(_("There is no such membership in this club."), status=404)
    return membership


def activate(membership: Membership, *, role: str = MembershipRole.MEMBER, now: datetime) -> None:
    membership.status = MembershipStatus.ACTIVE
    membership.role = role
    membership.joined_at = now
    membership.ended_at = None
