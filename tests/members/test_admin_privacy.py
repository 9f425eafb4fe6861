"""The admin's member screens show private sections only to the full-record role."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from members.models import OrganisationContact, StaffAccessLog
from tests.clubs.factories import ClubFactory, MembershipFactory
from tests.members.factories import (
    OrganisationFactory,
    ProfileFactory,
    make_admin_without_right,
    make_staff,
)

pytestmark = pytest.mark.django_db


def grant(user, *codenames):
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def secretive():
    return ProfileFactory(
        first_name="Zoé",
        last_name="Canarie",
        city="Xylopolis",
        location_visibility="private",
        headline="Headline-canary-7731",
        headline_visibility="private",
        biography="Bio-canary-7731",
        biography_visibility="private",
        listed_to_members=False,
    )


@pytest.fixture
def profile_viewer():
    return grant(make_admin_without_right(), "view_profile")


def test_member_list_needs_the_full_record_permission(client, secretive, profile_viewer):
    client.force_login(profile_viewer)

    response = client.get("/admin/member_profiles/", {"q": "Canarie"})

    assert "Xylopolis" not in response.content.decode()
    assert "Canarie" not in response.content.decode()


def test_member_export_needs_the_full_record_permission(client, secretive, profile_viewer):
    client.force_login(profile_viewer)

    response = client.get("/admin/member_profiles/", {"export": "csv"})

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Headline-canary-7731" not in body


def test_member_inspect_needs_the_full_record_permission(client, secretive, profile_viewer):
    client.force_login(profile_viewer)

    response = client.get(f"/admin/member_profiles/inspect/{secretive.pk}/")

    assert "Bio-canary-7731" not in response.content.decode()


def test_full_record_role_reads_the_inspect_view_and_it_is_logged(client, secretive):
    staff = grant(make_staff(), "access_admin", "view_profile")
    client.force_login(staff)

    response = client.get(f"/admin/member_profiles/inspect/{secretive.pk}/")

    assert "Bio-canary-7731" in response.content.decode()
    assert StaffAccessLog.objects.filter(staff_user=staff, profile=secretive).exists()


def test_club_form_picks_its_proposer_through_the_chooser(client, secretive):
    office = grant(make_admin_without_right("office@example.org"), "change_club", "add_club")
    club = ClubFactory()
    client.force_login(office)

    response = client.get(f"/admin/clubs/edit/{club.pk}/")

    assert response.status_code == 200
    assert "Canarie" not in response.content.decode()
    assert "member_chooser" in response.content.decode()


def test_organisation_contacts_hide_the_names_of_hidden_members(client, secretive):
    manager = grant(make_admin_without_right("partners@example.org"), "view_organisationcontact")
    OrganisationContact.objects.create(
        organisation=OrganisationFactory(), profile=secretive, role="Liaison"
    )
    client.force_login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    listing = client.get("/admin/organisation_contacts/").content.decode()
    export = client.get("/admin/organisation_contacts/", {"export": "csv"})
    exported = b"".join(export.streaming_content).decode()

    assert "Liaison" in listing and "Liaison" in exported
    assert "Canarie" not in listing and "Canarie" not in exported
    assert "Membre masqué" in listing and "Membre masqué" in exported


def test_club_memberships_hide_the_names_of_hidden_members(client, secretive):
    office = grant(make_admin_without_right("office@example.org"), "view_membership")
    MembershipFactory(profile=secretive, club=ClubFactory(name="Club Lumière"))
    client.force_login(office)

    listing = client.get("/admin/club_memberships/").content.decode()
    export = client.get("/admin/club_memberships/", {"export": "csv"})
    exported = b"".join(export.streaming_content).decode()

    assert "Club Lumière" in listing and "Club Lumière" in exported
    assert "Canarie" not in listing and "Canarie" not in exported
