"""Leaders invite a member by name or e-mail address, with suggestions, never by number."""

import re

import pytest

from clubs.models import MembershipStatus
from tests.clubs.factories import ClubFactory, LeaderFactory
from tests.members.factories import ArchiveProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(client):
    club = ClubFactory(slug="lille")
    leader = LeaderFactory(club=club).profile
    client.force_login(leader.user)
    return club


def invite(client, **data):
    return client.post("/clubs/lille/manage/invite/", data, follow=True).content.decode()


def test_the_invitation_field_is_a_labelled_chooser_with_a_static_script(client, leader):
    page = client.get("/clubs/lille/manage/").content.decode()
    field = re.search(r'<input[^>]*name="member"[^>]*>', page).group(0)
    assert 'role="combobox"' in field and 'aria-controls="id_member-suggestions"' in field
    assert 'data-chooser-url="/api/community/members/suggestions"' in field
    assert 'aria-describedby="id_member-help"' in field
    assert '<label for="id_member">Member to invite:</label>' in page
    assert '<ul id="id_member-suggestions" class="chooser__suggestions" role="listbox"' in page
    assert '<input type="hidden" name="member_id" id="id_member_id">' in page
    assert '<script src="/static/js/combobox.js"></script>' in page
    assert "Member number" not in page and not re.search(r"<script>(?!</script>)", page)


def test_a_name_typed_without_javascript_invites_that_member(client, leader):
    guest = ProfileFactory(first_name="Hélène", last_name="Marchand")
    page = invite(client, member="hélène marchand")
    assert "The invitation has been sent." in page
    assert leader.memberships.get(profile=guest).status == MembershipStatus.INVITED


def test_a_picked_suggestion_invites_the_member_it_names(client, leader):
    ProfileFactory(first_name="Claire", last_name="Dubois")
    picked = ProfileFactory(first_name="Claire", last_name="Dubois")
    invite(client, member="Claire Dubois", member_id=picked.pk)
    assert list(leader.memberships.filter(status=MembershipStatus.INVITED)) == [
        leader.memberships.get(profile=picked)
    ]


def test_namesakes_and_unknown_names_get_a_clear_error(client, leader):
    ProfileFactory(first_name="Claire", last_name="Dubois")
    ProfileFactory(first_name="Claire", last_name="Dubois")
    page = invite(client, member="Claire Dubois")
    assert "Several members answer to “Claire Dubois”" in page
    page = invite(client, member="Personne Inconnue")
    assert "No member you can find answers to “Personne Inconnue”." in page
    assert not leader.memberships.filter(status=MembershipStatus.INVITED).exists()


def test_hidden_members_and_archive_records_cannot_be_invited_by_name_or_number(client, leader):
    hidden = ProfileFactory(first_name="Iris", last_name="Cachée", listed_to_members=False)
    record = ArchiveProfileFactory(first_name="Iris", last_name="Archive")
    for profile in (hidden, record):
        page = invite(client, member=profile.full_name, member_id=profile.pk)
        assert "No member you can find answers to" in page
    assert not leader.memberships.filter(status=MembershipStatus.INVITED).exists()
