import pytest
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


def test_an_admin_edit_cannot_make_a_pending_member_a_leader(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    club = ClubFactory()
    pending = MembershipFactory(club=club, status="pending", joined_at=None)
    client.force_login(admin)
    response = client.post(
        f"/admin/club_memberships/edit/{pending.pk}/",
        {"club": club.pk, "profile": pending.profile_id, "role": "leader", "status": "pending"},
    )
    assert "Only an active member can lead" in response.content.decode()
    pending.refresh_from_db()
    assert pending.role == MembershipRole.MEMBER
