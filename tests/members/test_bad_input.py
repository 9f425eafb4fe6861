"""Bad input gets a clear, translated error, and nothing changes."""

import json

import pytest
from django.db import IntegrityError

from members.models import Education, Profile
from tests.members.factories import EducationFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def profile_form(profile, **overrides):
    data = {
        "kind": profile.kind,
        "first_name": profile.first_name,
        "last_name": profile.last_name,
        "headline": "Nouvelle phrase",
        "listed_to_members": "on",
        "education-TOTAL_FORMS": "0",
        "education-INITIAL_FORMS": "0",
        "experience-TOTAL_FORMS": "0",
        "experience-INITIAL_FORMS": "0",
        **{
            f"{section}_visibility": "members"
            for section in (
                "photo headline biography location contact links education experience "
                "expertise availability cv"
            ).split()
        },
    }
    data.update(overrides)
    return data


@pytest.fixture
def member(client):
    profile = ProfileFactory(headline="Ancienne phrase")
    client.force_login(profile.user)
    return profile


def assert_nothing_changed(profile):
    profile.refresh_from_db()
    assert profile.headline == "Ancienne phrase"
    assert not profile.cv
    assert profile.education.count() == 0


def test_the_form_saves_when_valid(client, member):
    response = client.post("/members/me/edit/", profile_form(member))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.headline == "Nouvelle phrase"


def test_graduation_before_start_is_refused(client, member):
    response = client.post(
        "/members/me/edit/",
        profile_form(
            member,
            **{
                "education-TOTAL_FORMS": "1",
                "education-0-programme": "Master Droit",
                "education-0-start_year": "2015",
                "education-0-end_year": "2012",
            },
        ),
    )
    assert response.status_code == 200
    assert "L’année de diplôme ne peut pas précéder l’année d’entrée." in response.content.decode()
    assert_nothing_changed(member)


def test_the_database_refuses_it_too(member):
    with pytest.raises(IntegrityError):
        EducationFactory(profile=member, start_year=2015, end_year=2012)


def test_a_forged_cv_is_refused(client, member, png_file):
    forged = png_file(name="cv.pdf")
    response = client.post("/members/me/edit/", {**profile_form(member), "cv": forged})
    assert (
        "Le CV doit être un document PDF\u202f; ce fichier n’en est pas un."
        in response.content.decode()
    )
    assert_nothing_changed(member)


def test_a_file_starting_like_a_pdf_but_not_one_is_refused(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n<script>alert(1)</script>")
    response = client.post("/members/me/edit/", {**profile_form(member), "cv": fake})
    assert "document PDF" in response.content.decode()
    assert_nothing_changed(member)


def test_an_oversized_cv_is_refused(client, member, pdf_file):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.members.conftest import pdf_bytes

    big = SimpleUploadedFile("cv.pdf", pdf_bytes("x" * (5 * 1024 * 1024)))
    response = client.post("/members/me/edit/", {**profile_form(member), "cv": big})
    assert "Le CV est trop volumineux" in response.content.decode()
    assert_nothing_changed(member)


def test_a_valid_cv_is_kept_outside_public_media(client, member, pdf_file, settings):
    response = client.post("/members/me/edit/", {**profile_form(member), "cv": pdf_file()})
    assert response.status_code == 302
    member.refresh_from_db()
    assert str(settings.PRIVATE_MEDIA_ROOT) in member.cv.path
    assert str(settings.MEDIA_ROOT) not in member.cv.path


@pytest.mark.parametrize("field", ["website", "linkedin"])
def test_an_invalid_url_is_refused(client, member, field):
    response = client.post(
        "/members/me/edit/", profile_form(member, **{field: "javascript:alert(1)"})
    )
    assert "Saisissez une URL valide." in response.content.decode()
    assert_nothing_changed(member)


def test_an_invalid_line_in_other_links_is_refused(client, member):
    response = client.post(
        "/members/me/edit/",
        profile_form(member, other_links="https://ok.example.org\npas une adresse"),
    )
    assert "La ligne 2 n’est pas une adresse web valide" in response.content.decode()
    assert_nothing_changed(member)


def test_script_in_the_biography_is_shown_as_text(client, member):
    client.post(
        "/members/me/edit/",
        profile_form(member, biography="<script>alert('x')</script><b>gras</b>"),
    )
    body = client.get(f"/members/{member.pk}/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;gras&lt;/b&gt;" in body
    assert "<script>alert" not in body


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"kind": "wizard"}, "kind", "La requête n’est pas valide."),
        ({"sector": "piracy"}, "sector", "La requête n’est pas valide."),
        ({"country": "XX"}, "country", "La requête n’est pas valide."),
        ({"sort": "salary"}, "sort", "La requête n’est pas valide."),
        ({"colour": "blue"}, "colour", "Paramètre inconnu\u202f: colour."),
        ({"page_size": "1000"}, "page_size", "La requête n’est pas valide."),
        ({"page": "0"}, "page", "La requête n’est pas valide."),
        ({"faculty": "\x00Droit"}, "faculty", "La requête n’est pas valide."),
    ],
)
def test_an_unknown_api_filter_value_is_a_400_with_a_message(
    client, member, params, field, message
):
    """Values the schema declares are refused by it; the others by the directory."""
    response = client.get("/api/community/members/", params)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert field in response.json()["errors"]


def test_a_control_character_in_a_text_filter_is_named_as_such(client, member):
    """The OpenAPI document declares the text filters one line without control
    characters: the schema refuses the value, with the directory's own words."""
    response = client.get("/api/community/members/", {"faculty": "\x00Droit"})
    assert response.status_code == 400
    assert "caractère de contrôle" in response.json()["errors"]["faculty"]


def test_a_malformed_api_filter_is_a_400_with_a_message(client):
    response = client.get("/api/community/members/", {"year_min": "vingt"})
    assert response.status_code == 400
    assert response.json()["message"] == "La requête n’est pas valide."


@pytest.mark.parametrize(
    "payload",
    [
        {"headline": "Nouvelle phrase", "website": "pas une adresse"},
        {"headline": "Nouvelle phrase", "country": "ZZ"},
        {"headline": "Nouvelle phrase", "visibilities": {"cv": "everyone"}},
        {"headline": "Nouvelle phrase", "visibilities": {"salary": "public"}},
        {"headline": "Nouvelle phrase", "kind": "wizard"},
        {"headline": "Nouvelle phrase", "other_links": ["https://ok.example.org", "javascript:x"]},
    ],
)
def test_api_updates_with_a_bad_value_change_nothing(client, member, payload):
    response = client.patch(
        "/api/community/members/me", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    # The document's enumerations answer as any malformed request; the rest as the form.
    assert response.json()["message"] in (
        "Le profil n’a pas été enregistré\u202f: certaines valeurs ne sont pas valides.",
        "La requête n’est pas valide.",
    )
    assert response.json()["errors"]
    assert_nothing_changed(member)


def test_a_graduation_range_ending_before_it_starts_finds_nobody(client, member):
    response = client.get("/api/community/members/", {"year_min": "2020", "year_max": "2010"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_the_directory_form_explains_bad_years(client, member):
    response = client.get("/members/", {"year_min": "2020", "year_max": "2010"})
    assert "La dernière année de diplôme ne peut pas précéder la première." in (
        response.content.decode()
    )


def test_no_education_row_survives_a_refused_form(client, member):
    client.post(
        "/members/me/edit/",
        profile_form(
            member,
            website="pas une adresse",
            **{
                "education-TOTAL_FORMS": "1",
                "education-0-programme": "Master Droit",
                "education-0-end_year": "2012",
            },
        ),
    )
    assert Education.objects.count() == 0
    assert Profile.objects.get(pk=member.pk).headline == "Ancienne phrase"
