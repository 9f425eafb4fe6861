"""A member's own moves: join (or ask to), leave, withdraw a request, answer an invitation.

Open clubs let a member in at once; clubs on approval record a request for their
leaders; clubs by invitation let in only whom their leaders invited, and an invited
member joins any club by accepting. The only leader of a club cannot leave it: they
name another leader first. ``clubs.policies.options_for`` says all of this; each
service computes it under the club's row lock and starts with its refusal.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from clubs import notifications
from clubs.models import Club, Membership, MembershipRole, MembershipStatus
from clubs.policies import JoinOutcome, options_for
from clubs.services.locks import accepted, activate, locked_club, locked_membership_of
from config.locking import race_window
from members.models import Profile


def join(*, club: Club, profile: Profile, message: str = "") -> Membership:
    """Joins ``club`` as its policy allows; the outcome is ``options.join_outcome``."""
    with transaction.atomic():
        club = locked_club(club)
        membership = locked_membership_of(club, profile)
        options = options_for(club=club, actor=profile.user)
        options.raise_if_refused("join")
        now = timezone.now()
        if membership is None:
            membership = Membership(club=club, profile=profile)
        if options.join_outcome == JoinOutcome.PENDING:
            membership.status = MembershipStatus.PENDING
            membership.role = MembershipRole.MEMBER
            membership.message = message.strip()[:1000]
            membership.created_at = now
            membership.ended_at = None
        else:
            activate(membership, now=now)
            if options.join_outcome == JoinOutcome.ACTIVE:
                membership.message = ""
        membership.save()
        if membership.status == MembershipStatus.PENDING:
            notifications.notify("request", club=club, profile=profile)
    return membership


def accept_invitation(*, club: Club, profile: Profile) -> Membership:
    with transaction.atomic():
        club = locked_club(club)
        membership = locked_membership_of(club, profile)
        options_for(club=club, actor=profile.user).raise_if_refused("accept_invitation")
        membership = accepted(membership)
        activate(membership, now=timezone.now())
        membership.save()
    return membership


def decline_invitation(*, club: Club, profile: Profile) -> None:
    with transaction.atomic():
        club = locked_club(club)
        membership = locked_membership_of(club, profile)
        options_for(club=club, actor=profile.user).raise_if_refused("decline_invitation")
        membership = accepted(membership)
        membership.delete()


def cancel_request(*, club: Club, profile: Profile) -> None:
    """Withdraws a request still waiting for the leaders' answer."""
    with transaction.atomic():
        club = locked_club(club)
        membership = locked_membership_of(club, profile)
        options_for(club=club, actor=profile.user).raise_if_refused("cancel_request")
        membership = accepted(membership)
        membership.delete()


def leave(*, club: Club, profile: Profile) -> None:
    """Leaves the club, or withdraws a request still waiting.

    The only leader cannot leave: they name another leader first.
    """
    with transaction.atomic():
        club = locked_club(club)
        membership = locked_membership_of(club, profile)
        options = options_for(club=club, actor=profile.user)
        if membership is not None and membership.status == MembershipStatus.PENDING:
            options.raise_if_refused("cancel_request")
            membership.delete()
            return
        options.raise_if_refused("leave")
        membership = accepted(membership)
        race_window()
        membership.status = MembershipStatus.LEFT
        membership.role = MembershipRole.MEMBER
        membership.ended_at = timezone.now()
        membership.save()
