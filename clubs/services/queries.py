"""Reading clubs and memberships, for the pages, the API, the admin and the e-mails."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clubs.models import Club, ClubStatus, Membership, MembershipStatus
from clubs.policies import club_approvers
from members.models import Profile

__all__ = ["club_approvers", "managers_of", "membership_of", "my_memberships", "proposed_clubs"]


def membership_of(club: Club, profile: Profile | None) -> Membership | None:
    if profile is None:
        return None
    return Membership.objects.filter(club=club, profile=profile).first()


def my_memberships(profile: Profile | None) -> QuerySet[Membership]:
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


def managers_of(club: Club) -> QuerySet[Membership]:
    return club.memberships.managers()


def proposed_clubs() -> QuerySet[Club]:
    """Clubs waiting for the alumni office's approval, oldest first."""
    return (
        Club.objects.filter(status=ClubStatus.PROPOSED)
        .select_related("proposed_by")
        .order_by("created_at", "pk")
    )
