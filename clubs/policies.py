"""What a person may do with a club, answered once, before anything is written.

``options_for(club=…, actor=…)`` reads the club, the actor's membership and their
role, and answers every question the club's page, its leaders' space, the API and
the services ask: may they join, and with what outcome (in at once on an open club,
a request on a club on approval, their invitation accepted on any club that invited
them), leave (not the club's only leader: a club keeps someone to run it; leaving
with a request waiting withdraws it), withdraw their request, answer an invitation,
manage the club, change roles, invite.

The services compute the same options under the club's row lock and start with
``options.raise_if_refused(action)``, so that a page never offers what the service
then refuses, and the service never accepts what the page hides. Templates and API
responses only read the options (``my_options`` in the API's club detail).

Who counts as what:

- *staff*: the alumni office, holding ``clubs.change_club``; they manage every club
  and see proposed and archived ones;
- *leaders* and *moderators*: active members with that role; leaders alone change
  roles;
- a proposed or archived club is seen by staff, its proposer and its members only;
  an active club by everyone when its page is public, by signed-in people otherwise.

A rule about another member (demoting the club's only leader) is
``role_change_refusal``; it serves the leaders' space, the API and the admin alike.
Clubs have no dates today: ``now`` is accepted so that every policy reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from clubs.errors import ClubError
from clubs.models import (
    MANAGING_ROLES,
    Club,
    ClubStatus,
    ClubVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from members.models import User
from members.services import profile_of

MANAGE_PERMISSION = "clubs.change_club"

Action = Literal[
    "view",
    "join",
    "leave",
    "cancel_request",
    "accept_invitation",
    "decline_invitation",
    "manage",
    "change_roles",
    "invite",
]

Actor = User | AnonymousUser | None


class JoinOutcome(StrEnum):
    """What joining does for this person: they are in, they have asked, or they accepted."""

    ACTIVE = "active"
    PENDING = "pending"
    INVITATION_ACCEPTED = "invitation_accepted"


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int

    def error(self) -> ClubError:
        return ClubError(self.message, status=self.status)


@dataclass(frozen=True)
class MembershipOptions:
    """What ``actor`` may do with ``club``; each ``can_…`` is "no refusal for that action"."""

    club_status: str
    signed_in: bool
    has_profile: bool
    membership_status: str | None
    role: str | None
    can_view: bool
    can_join: bool
    join_outcome: JoinOutcome | None
    can_leave: bool
    can_cancel_request: bool
    can_accept_invitation: bool
    can_decline_invitation: bool
    can_manage: bool
    can_change_roles: bool
    can_invite: bool
    can_see_members: bool
    refusals: dict[str, Refusal] = field(default_factory=dict)

    @property
    def needs_sign_in(self) -> bool:
        """A visitor on an open club's page: signing in is their way in."""
        return not self.signed_in and self.club_status == ClubStatus.ACTIVE

    @property
    def needs_profile(self) -> bool:
        """Signed in without a profile: creating one is their way in."""
        return self.signed_in and not self.has_profile and self.club_status == ClubStatus.ACTIVE

    @property
    def refusal(self) -> Refusal | None:
        """Why joining is refused, when it is."""
        return self.refusals.get("join")

    @property
    def leave_refusal(self) -> str:
        """Why an active member may not leave (the only leader), else empty."""
        refusal = self.refusals.get("leave")
        if refusal is None or self.membership_status != MembershipStatus.ACTIVE:
            return ""
        return refusal.message

    @property
    def was_rejected(self) -> bool:
        return self.membership_status == MembershipStatus.REJECTED

    def refusal_for(self, action: Action) -> Refusal | None:
        return self.refusals.get(action)

    def raise_if_refused(self, action: Action) -> None:
        refusal = self.refusals.get(action)
        if refusal is not None:
            raise refusal.error()

    def as_json(self) -> dict:
        """The API's ``my_options``: the same answers, and each refusal's message."""
        return {
            "can_join": self.can_join,
            "join_outcome": self.join_outcome.value if self.join_outcome else None,
            "can_leave": self.can_leave,
            "can_cancel_request": self.can_cancel_request,
            "can_accept_invitation": self.can_accept_invitation,
            "can_decline_invitation": self.can_decline_invitation,
            "can_manage": self.can_manage,
            "can_change_roles": self.can_change_roles,
            "can_invite": self.can_invite,
            "can_see_members": self.can_see_members,
            "refusals": {action: refusal.message for action, refusal in self.refusals.items()},
        }


def is_club_staff(user: Actor) -> bool:
    """Staff of the alumni office: they manage every club, from the admin or its space."""
    return bool(user is not None and user.is_authenticated and user.has_perm(MANAGE_PERMISSION))


def options_for(*, club: Club, actor: Actor, now: datetime | None = None) -> MembershipOptions:
    """What ``actor`` (a user, or ``None``/anonymous for a visitor) may do with ``club``."""
    signed_in = bool(actor is not None and actor.is_authenticated)
    # ``profile_of`` answers ``None`` for a visitor too.
    profile = profile_of(actor) if actor is not None else None
    staff = is_club_staff(actor)
    membership = Membership.objects.filter(club=club, profile=profile).first() if profile else None
    status = membership.status if membership else None
    role = membership.role if membership and status == MembershipStatus.ACTIVE else None
    active_club = club.status == ClubStatus.ACTIVE

    if active_club:
        can_view = club.visibility == ClubVisibility.PUBLIC or signed_in
    else:
        can_view = staff or (
            profile is not None
            and (club.proposed_by_id == profile.pk or status == MembershipStatus.ACTIVE)
        )

    refusals: dict[str, Refusal] = {}
    everything: tuple[Action, ...] = (
        "join",
        "leave",
        "cancel_request",
        "accept_invitation",
        "decline_invitation",
        "manage",
        "change_roles",
        "invite",
    )

    def refuse(actions: tuple[Action, ...], message: str, status: int) -> None:
        for action in actions:
            refusals.setdefault(action, Refusal(message, status))

    if not can_view:
        refuse(("view", *everything), _("There is no such club."), 404)
    if not signed_in:
        refuse(everything, _("Sign in to do this."), 401)

    own: tuple[Action, ...] = (
        "join",
        "leave",
        "cancel_request",
        "accept_invitation",
        "decline_invitation",
    )
    if profile is None:
        refuse(own, _("Create your profile first."), 403)

    # Joining.
    join_outcome = None
    if status == MembershipStatus.ACTIVE:
        refuse(("join",), _("You are already a member of this club."), 409)
    elif status == MembershipStatus.PENDING:
        refuse(
            ("join",), _("Your request to join is already waiting for the leaders' answer."), 409
        )
    if not active_club:
        refuse(("join", "accept_invitation"), _("This club is not open yet, or no longer is."), 409)
    if status == MembershipStatus.INVITED:
        join_outcome = JoinOutcome.INVITATION_ACCEPTED
    elif club.join_policy == JoinPolicy.OPEN:
        join_outcome = JoinOutcome.ACTIVE
    elif club.join_policy == JoinPolicy.APPROVAL:
        join_outcome = JoinOutcome.PENDING
    else:
        refuse(("join",), _("This club welcomes members by invitation only."), 403)

    # Leaving, withdrawing a request.
    if status not in (MembershipStatus.ACTIVE, MembershipStatus.PENDING):
        # Leaving with a request waiting withdraws it.
        refuse(("leave",), _("You are not a member of this club."), 409)
    elif (
        membership is not None
        and role == MembershipRole.LEADER
        and not _others_lead(club, membership)
    ):
        refuse(
            ("leave",),
            _(
                "You are this club's only leader: name another leader before you leave, "
                "so that the club keeps someone to run it."
            ),
            409,
        )
    if status != MembershipStatus.PENDING:
        refuse(("cancel_request",), _("You have no request waiting in this club."), 409)

    # Invitations.
    if status != MembershipStatus.INVITED:
        refuse(
            ("accept_invitation", "decline_invitation"),
            _("You have no invitation to this club."),
            404,
        )

    # The leaders' space.
    manages = staff or role in MANAGING_ROLES
    if not manages:
        refuse(
            ("manage", "invite", "change_roles"),
            _("Only the club's leaders and moderators can do this."),
            403,
        )
    if not (staff or role == MembershipRole.LEADER):
        refuse(("change_roles",), _("Only the club's leaders can change roles."), 403)
    if not active_club:
        refuse(("invite",), _("This club is not open yet, or no longer is."), 409)

    if join_outcome is not None and "join" in refusals:
        join_outcome = None
    return MembershipOptions(
        club_status=club.status,
        signed_in=signed_in,
        has_profile=profile is not None,
        membership_status=status,
        role=role,
        can_view=can_view,
        can_join="join" not in refusals,
        join_outcome=join_outcome,
        can_leave="leave" not in refusals,
        can_cancel_request="cancel_request" not in refusals,
        can_accept_invitation="accept_invitation" not in refusals,
        can_decline_invitation="decline_invitation" not in refusals,
        can_manage="manage" not in refusals,
        can_change_roles="change_roles" not in refusals,
        can_invite="invite" not in refusals,
        can_see_members=can_view,
        refusals=refusals,
    )


def _others_lead(club: Club, membership: Membership) -> bool:
    return club.memberships.leaders().exclude(pk=membership.pk).exists()


def role_change_refusal(*, club: Club, membership: Membership, role: str) -> Refusal | None:
    """Why ``membership`` may not be given ``role``, whoever asks; ``None`` when it may."""
    if role not in MembershipRole.values:
        return Refusal(_("This role does not exist."), 400)
    if membership.status != MembershipStatus.ACTIVE:
        return Refusal(_("Only active members can be given a role."), 409)
    if (
        membership.role == MembershipRole.LEADER
        and role != MembershipRole.LEADER
        and not _others_lead(club, membership)
    ):
        return Refusal(
            _(
                "This is the club's only leader: name another leader first, "
                "so that the club keeps someone to run it."
            ),
            409,
        )
    return None


def removal_refusal(*, club: Club, membership: Membership) -> Refusal | None:
    """Why ``membership`` may not be ended by the club's managers; ``None`` when it may."""
    if membership.status != MembershipStatus.ACTIVE:
        return Refusal(_("This member no longer belongs to the club."), 409)
    if membership.role == MembershipRole.LEADER and not _others_lead(club, membership):
        return Refusal(
            _(
                "This is the club's only leader: name another leader first, "
                "so that the club keeps someone to run it."
            ),
            409,
        )
    return None


def club_approvers() -> QuerySet[User]:
    """The alumni office's staff who may approve, decline or archive a club.

    Active users holding the permission to change clubs, directly or through a
    group, and superusers; only those with an e-mail address.
    """
    app_label, codename = MANAGE_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def can_view(*, club: Club, user: Actor) -> bool:
    """Whether ``user`` may see the club's page (``options_for(…).can_view``, for listings)."""
    return options_for(club=club, actor=user).can_view
