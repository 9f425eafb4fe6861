import io

import openpyxl
import pytest
from bs4 import BeautifulSoup

from members.models import Profile
from tests.members.factories import OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_members_list_filters_and_exports(admin_client):
    ProfileFactory(last_name="Lille", city="Lille", kind="student")
    ProfileFactory(last_name="Gand", city="Gand", kind="alumnus")
    listing = admin_client.get("/admin/member_profiles/", {"kind": "student"})
    assert listing.status_code == 200
    assert "Lille" in listing.content.decode() and "Camille" in listing.content.decode()
    csv = admin_client.get("/admin/member_profiles/", {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode()
    assert "Gand" in text and "Lille" in text
    xlsx = admin_client.get("/admin/member_profiles/", {"export": "xlsx", "kind": "alumnus"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "Gand" in values and "Lille" not in values


def test_reading_a_record_in_the_admin_is_logged(admin_client):
    profile = ProfileFactory()
    assert admin_client.get(f"/admin/member_profiles/edit/{profile.pk}/").status_code == 200
    assert admin_client.get(f"/admin/member_profiles/inspect/{profile.pk}/").status_code == 200
    assert list(profile.staff_accesses.values_list("reason", flat=True)) == [
        "Administration\u202f: consultation",
        "Administration\u202f: modification",
    ]
    assert admin_client.get("/admin/staff_access_log/").status_code == 200
    assert admin_client.get("/admin/staff_access_log/new/").status_code in (302, 403)


def test_organisations_admin_exports(admin_client):
    OrganisationFactory(name="Hélios Solaire")
    text = b"".join(
        admin_client.get("/admin/organisations/", {"export": "csv"}).streaming_content
    ).decode()
    assert "Hélios Solaire" in text
    assert Profile.objects.count() == 0


def admin_edit(admin_client, profile, **overrides):
    data = {
        "source": profile.source,
        "kind": profile.kind,
        "first_name": profile.first_name,
        "last_name": profile.last_name,
        "listed_to_members": "on",
        **{
            f"{section}_visibility": "members"
            for section in (
                "photo headline biography location contact links education experience "
                "expertise availability cv"
            ).split()
        },
        **overrides,
    }
    return admin_client.post(f"/admin/member_profiles/edit/{profile.pk}/", data)


def test_the_admin_edits_a_profile_through_the_same_rules(admin_client):
    profile = ProfileFactory()
    too_many = admin_edit(
        admin_client, profile, expertise=", ".join(f"domaine {n}" for n in range(31))
    )
    assert too_many.status_code == 200
    assert "Indiquez au plus 30 domaines d’expertise." in too_many.content.decode()
    assert profile.expertise.count() == 0
    saved = admin_edit(admin_client, profile, city="Lille", headline="Urbaniste")
    assert saved.status_code == 302
    profile.refresh_from_db()
    assert (profile.city, profile.country, profile.headline) == ("Lille", "FR", "Urbaniste")
    assert round(profile.latitude) == 51


def test_the_members_list_says_yes_or_no_in_the_interface_language(admin_client, settings):
    ProfileFactory(last_name="Lille", listed_publicly=True)
    ProfileFactory(last_name="Gand", listed_publicly=False)
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = BeautifulSoup(admin_client.get("/admin/member_profiles/").content, "html.parser")
    cells = [cell.get_text(strip=True) for cell in page.select("tbody td")]
    assert "Oui" in cells and "Non" in cells
    assert "True" not in page.get_text() and "False" not in page.get_text()
