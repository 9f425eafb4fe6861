"""The membership rules, as a member and a leader meet them."""

import pytest
from django.core import mail
from django.db import transaction

from clubs import services
from clubs.models import (
    ClubStatus,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from tests.clubs.factories import ClubFactory, LeaderFactory, MembershipFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def club_with_leader():
    def make(**kwargs):
        club = ClubFactory(**kwargs)
        leader = LeaderFactory(club=club)
        return club, leader.profile

    return make


def test_open_club_lets_a_member_in_at_once(club_with_leader):
    club, _leader = club_with_leader(join_policy=JoinPolicy.OPEN)
    member = ProfileFactory()
    membership = services.join(club=club, profile=member)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.joined_at is not None
    assert club.has_member(member)


def test_club_on_approval_records_a_request_for_its_leaders(
    club_with_leader, django_capture_on_commit_callbacks
):
    club, leader = club_with_leader(join_policy=JoinPolicy.APPROVAL)
    member = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.join(club=club, profile=member, message="  Bonjour !  ")
    assert (membership.status, membership.message) == (MembershipStatus.PENDING, "Bonjour !")
    assert not club.has_member(member)
    assert [message.to for message in mail.outbox] == [[leader.user.email]]
    assert "/manage/" in mail.outbox[0].body


def test_club_by_invitation_refuses_whoever_was_not_invited(club_with_leader):
    club, _leader = club_with_leader(join_policy=JoinPolicy.INVITATION)
    with pytest.raises(services.ClubError) as refused:
        services.join(club=club, profile=ProfileFactory())
    assert "invitation" in refused.value.message
    assert not Membership.objects.filter(club=club).exclude(role=MembershipRole.LEADER).exists()


def test_an_invited_member_accepts_or_declines(
    club_with_leader, django_capture_on_commit_callbacks
):
    club, leader = club_with_leader(join_policy=JoinPolicy.INVITATION)
    guest, other = ProfileFactory(), ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(club=club, invitee=guest, by=leader.user, by_profile=leader)
        services.invite(club=club, invitee=other, by=leader.user, by_profile=leader)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([guest.user.email, other.user.email])
    assert services.accept_invitation(club=club, profile=guest).status == MembershipStatus.ACTIVE
    services.decline_invitation(club=club, profile=other)
    assert not Membership.objects.filter(club=club, profile=other).exists()


def test_joining_an_invitation_only_club_with_an_invitation_accepts_it(club_with_leader):
    club, leader = club_with_leader(join_policy=JoinPolicy.INVITATION)
    guest = ProfileFactory()
    services.invite(club=club, invitee=guest, by=leader.user, by_profile=leader)
    assert services.join(club=club, profile=guest).status == MembershipStatus.ACTIVE


def test_leaders_approve_or_reject_and_the_member_is_told(
    club_with_leader, django_capture_on_commit_callbacks
):
    club, leader = club_with_leader(join_policy=JoinPolicy.APPROVAL)
    accepted, refused = ProfileFactory(user__language="en"), ProfileFactory(user__language="fr")
    first = services.join(club=club, profile=accepted)
    second = services.join(club=club, profile=refused)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(
            club=club, membership_id=first.pk, by=leader.user, by_profile=leader
        )
        services.reject_request(
            club=club, membership_id=second.pk, by=leader.user, by_profile=leader
        )
    assert club.has_member(accepted) and not club.has_member(refused)
    # Each in their own language, whatever the site's.
    assert [(m.to, m.subject.split("] ")[1]) for m in mail.outbox] == [
        ([accepted.user.email], f"Welcome to {club.name}"),
        ([refused.user.email], f"Votre demande d’adhésion à {club.name}"),
    ]


def test_a_rejected_member_may_ask_again(club_with_leader):
    club, leader = club_with_leader(join_policy=JoinPolicy.APPROVAL)
    member = ProfileFactory()
    request = services.join(club=club, profile=member)
    services.reject_request(club=club, membership_id=request.pk, by=leader.user, by_profile=leader)
    assert services.join(club=club, profile=member).status == MembershipStatus.PENDING


def test_leaving_and_withdrawing(club_with_leader):
    club, _leader = club_with_leader(join_policy=JoinPolicy.OPEN)
    member = ProfileFactory()
    services.join(club=club, profile=member)
    services.leave(club=club, profile=member)
    membership = Membership.objects.get(club=club, profile=member)
    assert membership.status == MembershipStatus.LEFT and membership.ended_at is not None
    assert services.join(club=club, profile=member).status == MembershipStatus.ACTIVE

    other_club, _ = club_with_leader(join_policy=JoinPolicy.APPROVAL)
    services.join(club=other_club, profile=member)
    services.leave(club=other_club, profile=member)
    assert not Membership.objects.filter(club=other_club, profile=member).exists()


def test_a_leader_may_leave_once_another_leads(club_with_leader):
    club, leader = club_with_leader()
    deputy = MembershipFactory(club=club)
    services.change_role(
        club=club,
        membership_id=deputy.pk,
        role=MembershipRole.LEADER,
        by=leader.user,
        by_profile=leader,
    )
    services.leave(club=club, profile=leader)
    assert list(club.memberships.leaders().values_list("profile", flat=True)) == [deputy.profile_id]


def test_moderators_answer_requests_but_do_not_change_roles(club_with_leader):
    club, _leader = club_with_leader(join_policy=JoinPolicy.APPROVAL)
    moderator = MembershipFactory(club=club, role=MembershipRole.MODERATOR).profile
    request = services.join(club=club, profile=ProfileFactory())
    services.approve_request(
        club=club, membership_id=request.pk, by=moderator.user, by_profile=moderator
    )
    with pytest.raises(services.ClubError) as refused:
        services.change_role(
            club=club,
            membership_id=request.pk,
            role=MembershipRole.LEADER,
            by=moderator.user,
            by_profile=moderator,
        )
    assert refused.value.status == 403
    assert Membership.objects.get(pk=request.pk).role == MembershipRole.MEMBER


def test_a_proposed_club_opens_when_staff_approve_and_its_proposer_leads_it(
    django_capture_on_commit_callbacks, staff_user
):
    proposer = ProfileFactory(user__language="en")
    club = services.propose_club(
        profile=proposer,
        name="Club de Montréal",
        kind="geographic",
        city="Montréal",
        country="ca",
        latitude=45.5,
        longitude=-73.56,
        themes=["international", " mobilité "],
    )
    assert club.status == ClubStatus.PROPOSED and club.slug == "club-de-montreal"
    assert sorted(club.themes.names()) == ["international", "mobilité"]
    with pytest.raises(services.ClubError):
        services.approve_proposal(club=club, by=proposer.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_proposal(club=club, by=staff_user)
    club.refresh_from_db()
    assert club.status == ClubStatus.ACTIVE
    assert club.memberships.leaders().get().profile == proposer
    assert mail.outbox[-1].to == [proposer.user.email]
    assert "leader" in mail.outbox[-1].body


def test_a_geographic_club_cannot_be_proposed_without_its_place():
    with pytest.raises(services.ClubError) as refused:
        services.propose_club(profile=ProfileFactory(), name="Club de Tokyo", kind="geographic")
    assert "city" in refused.value.message


def test_e_mails_leave_after_commit_and_never_for_a_rolled_back_request(
    club_with_leader, django_capture_on_commit_callbacks
):
    club, _leader = club_with_leader(join_policy=JoinPolicy.APPROVAL)
    member = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.join(club=club, profile=member)
            assert mail.outbox == []
            raise RuntimeError
    assert callbacks == [] and mail.outbox == []
    assert not Membership.objects.filter(profile=member).exists()
