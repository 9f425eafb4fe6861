"""The member chooser: names typed, never numbers; only members the chooser may see."""

import re

import pytest
from django.contrib.auth.models import Permission

from members import lookup
from members.models import DirectorySettings
from members.services import MemberError
from tests.members.factories import (
    ArchiveProfileFactory,
    ProfileFactory,
    make_admin_without_right,
    make_staff,
)

pytestmark = pytest.mark.django_db

URL = "/api/community/members/suggestions"


def suggestions(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def viewer():
    return ProfileFactory(first_name="Paul", last_name="Viewer").user


def test_suggestions_hold_names_and_only_visible_headlines(client, viewer):
    shown = ProfileFactory(first_name="Hélène", last_name="Marchand", headline="Juriste")
    discreet = ProfileFactory(
        first_name="Hugo", last_name="Marchetti", headline="Secret", headline_visibility="private"
    )
    client.force_login(viewer)

    results = suggestions(client, "march")

    assert results == [
        {"value": str(shown.pk), "label": "Hélène Marchand", "detail": "Juriste"},
        {"value": str(discreet.pk), "label": "Hugo Marchetti", "detail": ""},
    ]
    assert "Secret" not in str(results)
    assert [r["label"] for r in suggestions(client, "hélène mar")] == ["Hélène Marchand"]
    assert suggestions(client, "m") == []


def test_hidden_members_and_archive_records_never_appear_to_a_member(client, viewer):
    directory = DirectorySettings.load()
    directory.list_archive_records = True
    directory.save()
    ProfileFactory(first_name="Iris", last_name="Cachée", listed_to_members=False)
    gone = ProfileFactory(first_name="Iris", last_name="Partie")
    gone.user.is_active = False
    gone.user.save()
    ArchiveProfileFactory(first_name="Iris", last_name="Archive")
    visible = ProfileFactory(first_name="Iris", last_name="Visible")
    client.force_login(viewer)

    assert [r["label"] for r in suggestions(client, "iris")] == ["Iris Visible"]
    with pytest.raises(MemberError):
        lookup.resolve_member(viewer=viewer, text="Iris Cachée")
    assert lookup.resolve_member(viewer=viewer, text="Iris") == visible


def test_staff_find_hidden_members_but_no_unclaimed_record(client):
    staff = make_staff()
    hidden = ProfileFactory(first_name="Iris", last_name="Cachée", listed_to_members=False)
    ArchiveProfileFactory(first_name="Iris", last_name="Archive")
    client.force_login(staff)

    assert [r["label"] for r in suggestions(client, "iris")] == ["Iris Cachée"]
    assert lookup.resolve_member(viewer=staff, text=hidden.user.email) == hidden


def test_an_address_matches_only_where_the_viewer_may_read_it(viewer):
    open_contact = ProfileFactory(contact_email="ouvert@example.org")
    private_contact = ProfileFactory(
        contact_email="discret@example.org", contact_visibility="private"
    )

    assert lookup.resolve_member(viewer=viewer, text="OUVERT@example.org") == open_contact
    for address in ("discret@example.org", private_contact.user.email):
        with pytest.raises(MemberError) as refused:
            lookup.resolve_member(viewer=viewer, text=address)
        assert refused.value.status == 404


def test_names_are_found_whatever_their_accents(client, viewer):
    lea = ProfileFactory(first_name="Léa", last_name="Martin")
    noel = ProfileFactory(first_name="Noel", last_name="Bérégovoy")
    client.force_login(viewer)

    assert [r["label"] for r in suggestions(client, "lea")] == ["Léa Martin"]
    assert [r["label"] for r in suggestions(client, "NOËL beregovoy")] == ["Noel Bérégovoy"]
    assert suggestions(client, "l.a") == []
    assert lookup.resolve_member(viewer=viewer, text="Lea Martin") == lea
    assert lookup.resolve_member(viewer=viewer, text="noël bérégovoy") == noel


def test_control_characters_and_bare_punctuation_match_nobody(client, viewer):
    ProfileFactory(first_name="Paula", last_name="Martin")
    client.force_login(viewer)
    assert [r["label"] for r in suggestions(client, "pa\x00ula")] == ["Paula Martin"]
    assert suggestions(client, "a@b\x00") == []
    assert suggestions(client, "--") == []
    with pytest.raises(MemberError):
        lookup.resolve_member(viewer=viewer, text="- -")


def test_namesakes_need_the_full_name_or_the_pick(viewer):
    claire = ProfileFactory(first_name="Claire", last_name="Dubois")
    claire_marie = ProfileFactory(first_name="Claire-Marie", last_name="Dubois")

    with pytest.raises(MemberError) as ambiguous:
        lookup.resolve_member(viewer=viewer, text="Dubois")
    assert ambiguous.value.status == 409
    assert lookup.resolve_member(viewer=viewer, text="claire  dubois") == claire
    assert lookup.resolve_member(viewer=viewer, text="Dubois", member_id=claire_marie.pk) == (
        claire_marie
    )


def test_the_suggestions_need_a_signed_in_caller(client):
    ProfileFactory(first_name="Iris", last_name="Visible")
    response = client.get(URL, {"q": "iris"})
    assert response.status_code == 401
    assert "Iris" not in response.content.decode()


def test_admin_member_fields_use_the_chooser_not_a_list_of_everyone(client):
    from tests.clubs.factories import ClubFactory, MembershipFactory

    office = make_admin_without_right()
    office.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_club", "change_membership"])
    )
    everyone = ProfileFactory(first_name="Iris", last_name="Quelconque")
    membership = MembershipFactory(club=ClubFactory(), profile=everyone)
    client.force_login(office)

    for url in (
        f"/admin/clubs/edit/{membership.club.pk}/",
        f"/admin/club_memberships/edit/{membership.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "/admin/member_chooser/" in page, url
        assert not re.search(r"<option[^>]*>Iris Quelconque", page), url


def test_the_admin_chooser_lists_only_members_the_user_may_pick(client):
    office = make_admin_without_right()
    ProfileFactory(first_name="Iris", last_name="Visible")
    hidden = ProfileFactory(first_name="Iris", last_name="Cachée", listed_to_members=False)
    ArchiveProfileFactory(first_name="Iris", last_name="Archive")
    client.force_login(office)

    listing = client.get("/admin/member_chooser/results/", {"q": "iris"}).content.decode()
    assert "Iris Visible" in listing
    assert "Cachée" not in listing and "Archive" not in listing
    assert client.get(f"/admin/member_chooser/chosen/{hidden.pk}/").status_code == 404

    staff = make_staff()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    listing = client.get("/admin/member_chooser/results/", {"q": "iris"}).content.decode()
    assert "Iris Cachée" in listing and "Archive" not in listing
