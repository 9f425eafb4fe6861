import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from clubs.models import ClubStatus, MembershipRole
from tests.clubs.factories import ClubFactory, LeaderFactory, MembershipFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_staff_filter_clubs_and_approve_a_proposed_one(client, staff_user):
    proposer = ProfileFactory(first_name="Léa")
    proposed = ClubFactory(name="Club Rugby", status=ClubStatus.PROPOSED, proposed_by=proposer)
    ClubFactory(name="Club Lille")
    client.force_login(staff_user)

    listing = client.get("/admin/clubs/", {"status": "proposed"}).content.decode()
    assert "Club Rugby" in listing and "Club Lille" not in listing
    assert f"/admin/clubs/approve/{proposed.pk}/" in listing

    confirm = client.get(f"/admin/clubs/approve/{proposed.pk}/").content.decode()
    assert "Léa" in confirm
    response = client.post(f"/admin/clubs/approve/{proposed.pk}/", follow=True)
    assert "is open to members" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == ClubStatus.ACTIVE
    assert proposed.memberships.leaders().get().profile == proposer
    assert mail.outbox[-1].to == [proposer.user.email]

    again = client.post(f"/admin/clubs/approve/{proposed.pk}/", follow=True)
    assert "not waiting for approval" in again.content.decode()


def test_memberships_listed_by_club_and_role(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    club = ClubFactory(name="Club Biotech")
    LeaderFactory(club=club, profile=ProfileFactory(last_name="Meneur"))
    MembershipFactory(club=club, profile=ProfileFactory(last_name="Adhérent"))
    client.force_login(admin)
    body = client.get("/admin/club_memberships/", {"role": MembershipRole.LEADER}).content.decode()
    assert "Meneur" in body and "Adhérent" not in body


def _club_form(club, **changes):
    data = {
        "name": club.name,
        "slug": club.slug,
        "kind": club.kind,
        "summary": club.summary,
        "description": club.description,
        "city": club.city,
        "country": club.country,
        "join_policy": club.join_policy,
        "visibility": club.visibility,
        "status": club.status,
        "themes": "",
    }
    return {**data, **changes}


def test_the_club_form_cannot_open_a_club(client, staff_user):
    proposed = ClubFactory(status=ClubStatus.PROPOSED, proposed_by=ProfileFactory())
    client.force_login(staff_user)
    form = client.get(f"/admin/clubs/edit/{proposed.pk}/").content.decode()
    assert f"/admin/clubs/approve/{proposed.pk}/" in form
    client.post(f"/admin/clubs/edit/{proposed.pk}/", _club_form(proposed, status=ClubStatus.ACTIVE))
    proposed.refresh_from_db()
    assert proposed.status == ClubStatus.PROPOSED
    assert not proposed.memberships.exists()


def test_staff_decline_archive_and_reopen_through_the_services(
    client, staff_user, django_capture_on_commit_callbacks
):
    proposer = ProfileFactory(user__language="en")
    proposed = ClubFactory(name="Club Golf", status=ClubStatus.PROPOSED, proposed_by=proposer)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        declined = client.post(f"/admin/clubs/decline/{proposed.pk}/", follow=True)
    assert "has been declined" in declined.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == ClubStatus.ARCHIVED
    assert mail.outbox[-1].to == [proposer.user.email]

    club = ClubFactory(name="Club Voile")
    leader = LeaderFactory(club=club)
    assert f"/admin/clubs/archive/{club.pk}/" in client.get("/admin/clubs/").content.decode()
    client.post(f"/admin/clubs/archive/{club.pk}/")
    club.refresh_from_db()
    assert club.status == ClubStatus.ARCHIVED
    reopened = client.post(f"/admin/clubs/reopen/{club.pk}/", {"leader": ""}, follow=True)
    assert "open to members again" in reopened.content.decode()
    club.refresh_from_db()
    assert club.status == ClubStatus.ACTIVE
    assert club.memberships.leaders().get() == leader


def test_a_club_without_leader_reopens_only_with_one(client, staff_user):
    club = ClubFactory(status=ClubStatus.ARCHIVED)
    former = MembershipFactory(club=club, status="left", role=MembershipRole.MEMBER).profile
    client.force_login(staff_user)
    refused = client.post(f"/admin/clubs/reopen/{club.pk}/", {"leader": ""})
    assert refused.status_code == 400
    assert "choose who leads it" in refused.content.decode()
    club.refresh_from_db()
    assert club.status == ClubStatus.ARCHIVED
    client.post(f"/admin/clubs/reopen/{club.pk}/", {"leader": former.pk})
    club.refresh_from_db()
    assert club.status == ClubStatus.ACTIVE
    assert club.memberships.leaders().get().profile == former


def test_the_reopen_form_offers_only_the_members_the_staff_may_find(client, staff_user):
    club = ClubFactory(status=ClubStatus.ARCHIVED)
    MembershipFactory(club=club, status="left", profile=ProfileFactory(last_name="Visible"))
    hidden = ProfileFactory(last_name="Invisible", listed_to_members=False, listed_publicly=False)
    MembershipFactory(club=club, status="left", profile=hidden)
    client.force_login(staff_user)
    page = client.get(f"/admin/clubs/reopen/{club.pk}/").content.decode()
    assert "Visible" in page
    assert "Invisible" not in page
    refused = client.post(f"/admin/clubs/reopen/{club.pk}/", {"leader": hidden.pk})
    assert refused.status_code == 400
    club.refresh_from_db()
    assert club.status == ClubStatus.ARCHIVED


def test_the_membership_form_cannot_change_a_role_or_a_status(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    club = ClubFactory()
    pending = MembershipFactory(club=club, status="pending", joined_at=None)
    leader = LeaderFactory(club=club)
    client.force_login(admin)
    for membership, changes in [
        (pending, {"role": "leader", "status": "active"}),
        (leader, {"role": "member", "status": "left"}),
    ]:
        client.post(
            f"/admin/club_memberships/edit/{membership.pk}/",
            {"club": club.pk, "profile": membership.profile_id, "message": "Vu.", **changes},
        )
    pending.refresh_from_db()
    leader.refresh_from_db()
    assert pending.message == leader.message == "Vu."
    assert (pending.role, pending.status) == (MembershipRole.MEMBER, "pending")
    assert (leader.role, leader.status) == (MembershipRole.LEADER, "active")


def test_the_only_leader_cannot_be_demoted_or_removed_from_the_admin(client, staff_user):
    club = ClubFactory()
    leader = LeaderFactory(club=club)
    member = MembershipFactory(club=club)
    staff_user.user_permissions.add(
        Permission.objects.get(codename="change_membership"),
        Permission.objects.get(codename="delete_membership"),
    )
    client.force_login(staff_user)
    edit = client.get(f"/admin/club_memberships/edit/{leader.pk}/").content.decode()
    assert f"/admin/club_memberships/role/{leader.pk}/" in edit
    demoted = client.post(
        f"/admin/club_memberships/role/{leader.pk}/", {"role": "member"}, follow=True
    )
    assert "only leader" in demoted.content.decode()
    for path in (
        f"/admin/club_memberships/remove/{leader.pk}/",
        f"/admin/club_memberships/delete/{leader.pk}/",
    ):
        removed = client.post(path, follow=True)
        assert "only leader" in removed.content.decode()
    leader.refresh_from_db()
    assert (leader.role, leader.status) == (MembershipRole.LEADER, "active")

    client.post(f"/admin/club_memberships/role/{member.pk}/", {"role": "leader"})
    client.post(f"/admin/club_memberships/remove/{leader.pk}/")
    leader.refresh_from_db()
    assert leader.status == "left"
    assert club.memberships.leaders().get().pk == member.pk


def test_staff_answer_a_request_from_the_admin(
    client, staff_user, django_capture_on_commit_callbacks
):
    club = ClubFactory(join_policy="approval")
    LeaderFactory(club=club)
    pending = MembershipFactory(
        club=club, status="pending", joined_at=None, profile=ProfileFactory(user__language="en")
    )
    client.force_login(staff_user)
    listing = client.get("/admin/club_memberships/").content.decode()
    assert f"/admin/club_memberships/approve/{pending.pk}/" in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/club_memberships/approve/{pending.pk}/")
    pending.refresh_from_db()
    assert pending.status == "active"
    assert mail.outbox[-1].to == [pending.profile.user.email]
    again = client.post(f"/admin/club_memberships/decline/{pending.pk}/", follow=True)
    assert "no longer waiting" in again.content.decode()


def test_a_club_nobody_would_lead_does_not_open(client, staff_user):
    orphan = ClubFactory(status=ClubStatus.PROPOSED, proposed_by=None)
    client.force_login(staff_user)
    refused = client.post(f"/admin/clubs/approve/{orphan.pk}/", follow=True)
    assert "Nobody would lead this club" in refused.content.decode()
    orphan.refresh_from_db()
    assert orphan.status == ClubStatus.PROPOSED
