"""A member proposes a club: the staff who may approve it hear of it and see it on the dashboard."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import transaction

from clubs import services
from clubs.models import ClubStatus
from tests.clubs.factories import ClubFactory
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approvers(staff_user, django_user_model):
    """Staff holding the permission directly, through a group, and a superuser."""
    office = Group.objects.create(name="Alumni office")
    office.permissions.add(Permission.objects.get(codename="change_club"))
    through_group = UserFactory()
    through_group.groups.add(office)
    superuser = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    return [staff_user, through_group, superuser]


@pytest.fixture
def bystanders(approvers):
    """People who must not be told: an inactive former employee, an editor, members."""
    former = UserFactory(is_active=False)
    former.user_permissions.add(Permission.objects.get(codename="change_club"))
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return [former, editor, ProfileFactory().user]


def propose(profile, name="Club Voile"):
    return services.propose_club(profile=profile, name=name, kind="thematic", summary="On navigue.")


def test_proposing_a_club_mails_each_approver_once_after_commit(
    approvers, bystanders, django_capture_on_commit_callbacks
):
    proposer = ProfileFactory(first_name="Inès", last_name="Garnier")
    with django_capture_on_commit_callbacks(execute=True):
        club = propose(proposer)
        assert mail.outbox == []

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in approvers
    )
    message = mail.outbox[0]
    assert "Club Voile" in message.subject
    assert "Inès Garnier" in message.body and "On navigue." in message.body
    assert f"http://testserver/admin/clubs/approve/{club.pk}/" in message.body
    told = {message.to[0] for message in mail.outbox}
    assert not told & {user.email for user in [*bystanders, proposer.user]}


def test_a_refused_or_rolled_back_proposal_mails_no_one(
    approvers, django_capture_on_commit_callbacks
):
    ClubFactory(name="Club Voile")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.ClubError):
            propose(ProfileFactory())
        with pytest.raises(RuntimeError), transaction.atomic():
            propose(ProfileFactory(), name="Club Jazz")
            raise RuntimeError
    assert mail.outbox == []


def test_the_proposal_mail_is_in_each_approvers_language(
    approvers, django_capture_on_commit_callbacks
):
    english, french, _superuser = approvers
    french.language = "fr"
    french.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        propose(ProfileFactory(first_name="Inès", last_name="Garnier"))
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "attend votre validation" in by_recipient[french.email].subject
    assert "Inès Garnier propose un nouveau club" in by_recipient[french.email].body
    assert "awaits your approval" in by_recipient[english.email].subject


def test_staff_dashboard_lists_the_clubs_awaiting_approval(client, staff_user, bystanders):
    proposed = ClubFactory(
        name="Club Rugby", status=ClubStatus.PROPOSED, proposed_by=ProfileFactory(last_name="Roux")
    )
    ClubFactory(name="Club Lille")
    client.force_login(staff_user)
    dashboard = client.get("/admin/").content.decode()
    assert "Clubs awaiting approval" in dashboard
    assert f'href="/admin/clubs/approve/{proposed.pk}/">Club Rugby</a>' in dashboard
    assert "Roux" in dashboard and "Club Lille" not in dashboard

    editor = bystanders[1]
    client.force_login(editor)
    assert "Clubs awaiting approval" not in client.get("/admin/").content.decode()


def test_staff_dashboard_has_no_panel_when_nothing_awaits(client, staff_user):
    ClubFactory(name="Club Lille")
    client.force_login(staff_user)
    assert "Clubs awaiting approval" not in client.get("/admin/").content.decode()
