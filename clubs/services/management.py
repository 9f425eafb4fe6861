"""The leaders' space: answering requests, inviting, naming roles, removing, announcing.

Leaders and moderators answer requests, invite, remove members and post
announcements; leaders alone change roles; the alumni office's staff may do all of
it, from the club's space or the admin. A club keeps at least one leader: demoting or
removing its only leader is refused (``clubs.policies.role_change_refusal`` and
``removal_refusal``), whoever asks.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs import notifications
from clubs.errors import ClubError
from clubs.models import Announcement, Club, Membership, MembershipRole, MembershipStatus
from clubs.policies import Actor, options_for, removal_refusal, role_change_refusal
from clubs.services.locks import activate, locked_club, locked_membership, locked_membership_of
from config.locking import race_window
from members import privacy
from members.models import Profile


def _pending_request(club: Club, membership_id: int) -> Membership:
    membership = locked_membership(club, membership_id)
    if membership.status != MembershipStatus.PENDING:
        raise ClubError(_("This request is no longer waiting for an answer."), status=409)
    return membership


def approve_request(
    *, club: Club, membership_id: int, by: Actor, by_profile: Profile | None = None
) -> Membership:
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("manage")
        membership = _pending_request(club, membership_id)
        activate(membership, now=timezone.now())
        membership.save()
        notifications.notify("approved", club=club, profile=membership.profile)
    return membership


def reject_request(
    *, club: Club, membership_id: int, by: Actor, by_profile: Profile | None = None
) -> Membership:
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("manage")
        membership = _pending_request(club, membership_id)
        membership.status = MembershipStatus.REJECTED
        membership.ended_at = timezone.now()
        membership.save()
        notifications.notify("rejected", club=club, profile=membership.profile)
    return membership


def invite(*, club: Club, invitee: Profile, by: Actor, by_profile: Profile | None) -> Membership:
    """Invites a member the inviter can find in the directory."""
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("invite")
        if not invitee.is_claimed or not privacy.can_view_profile(by, invitee):
            raise ClubError(_("There is no such member."), status=404)
        membership = locked_membership_of(club, invitee)
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
        notifications.notify("invited", club=club, profile=invitee)
    return membership


def change_role(
    *, club: Club, membership_id: int, role: str, by: Actor, by_profile: Profile | None = None
) -> Membership:
    """Names a leader, a moderator or a plain member. Leaders and staff only.

    A club keeps at least one leader: demoting the only one is refused.
    """
    if role not in MembershipRole.values:
        raise ClubError(_("This role does not exist."))
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("change_roles")
        membership = locked_membership(club, membership_id)
        refusal = role_change_refusal(club=club, membership=membership, role=role)
        if refusal is not None:
            raise refusal.error()
        race_window()
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def remove_member(
    *, club: Club, membership_id: int, by: Actor, by_profile: Profile | None = None
) -> Membership:
    """Ends a member's membership, as if they had left; never the club's only leader."""
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("manage")
        membership = locked_membership(club, membership_id)
        refusal = removal_refusal(club=club, membership=membership)
        if refusal is not None:
            raise refusal.error()
        race_window()
        membership.status = MembershipStatus.LEFT
        membership.role = MembershipRole.MEMBER
        membership.ended_at = timezone.now()
        membership.save()
    return membership


def post_announcement(
    *, club: Club, title: str, body: str, by: Actor, by_profile: Profile | None
) -> Announcement:
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ClubError(_("An announcement needs a title and a text."))
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("manage")
        return Announcement.objects.create(club=club, author=by_profile, title=title, body=body)


def delete_announcement(
    *, club: Club, announcement_id: int, by: Actor, by_profile: Profile | None = None
) -> None:
    with transaction.atomic():
        club = locked_club(club)
        options_for(club=club, actor=by).raise_if_refused("manage")
        deleted, _rows = Announcement.objects.filter(club=club, pk=announcement_id).delete()
        if not deleted:
            raise ClubError(_("There is no such announcement."), status=404)
