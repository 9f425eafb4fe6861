"""One way to edit a profile: the form and the API go through the same service.

Both are held to the same rules (the 30-domain cap, the gazetteer's cities, the
known languages), refuse with the same words, and the form records the consent
once, when the profile is created.
"""

import json

import pytest

from members.models import Consent, Profile
from members.services import MAX_EXPERTISE_DOMAINS
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

SECTIONS = (
    "photo headline biography location contact links education experience expertise availability cv"
).split()


def form_data(profile=None, **overrides):
    data = {
        "kind": profile.kind if profile else "alumnus",
        "first_name": profile.first_name if profile else "Inès",
        "last_name": profile.last_name if profile else "Morel",
        "listed_to_members": "on",
        "language": "fr",
        "education-TOTAL_FORMS": "0",
        "education-INITIAL_FORMS": "0",
        "experience-TOTAL_FORMS": "0",
        "experience-INITIAL_FORMS": "0",
        **{f"{section}_visibility": "members" for section in SECTIONS},
    }
    data.update(overrides)
    return data


def domains(count):
    return [f"domaine {number}" for number in range(count)]


@pytest.fixture
def member(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    return profile


def patch(client, changes):
    return client.patch(
        "/api/community/members/me", json.dumps(changes), content_type="application/json"
    )


def form_errors(response):
    form = response.context["form"]
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def test_the_form_holds_the_expertise_cap(client, member):
    too_many = client.post("/members/me/edit/", form_data(member, expertise=", ".join(domains(31))))
    assert too_many.status_code == 200
    assert "Indiquez au plus 30 domaines d’expertise." in form_errors(too_many)["expertise"]
    assert member.expertise.count() == 0
    enough = client.post("/members/me/edit/", form_data(member, expertise=", ".join(domains(30))))
    assert enough.status_code == 302
    assert member.expertise.count() == MAX_EXPERTISE_DOMAINS


def test_the_api_holds_the_same_cap_with_the_same_words(client, member):
    response = patch(client, {"expertise": domains(31)})
    assert response.status_code == 400
    assert response.json()["errors"]["expertise"] == ["Indiquez au plus 30 domaines d’expertise."]
    assert member.expertise.count() == 0


def test_an_unknown_city_is_refused_alike(client, member):
    html = form_errors(client.post("/members/me/edit/", form_data(member, city="Nullepartville")))
    api = patch(client, {"city": "Nullepartville"}).json()["errors"]
    assert html["city"] == api["city"]
    assert "Nullepartville" in api["city"][0]


def test_a_city_brings_its_country_and_position_through_the_form(client, member):
    assert client.post("/members/me/edit/", form_data(member, city="Lille")).status_code == 302
    member.refresh_from_db()
    assert (member.city, member.country) == ("Lille", "FR") and round(member.latitude) == 51


def test_creating_a_profile_records_the_consent_once(client):
    user = UserFactory()
    client.force_login(user)
    refused = client.post("/members/me/edit/", form_data())
    assert refused.status_code == 200 and not Profile.objects.filter(user=user).exists()
    created = client.post("/members/me/edit/", form_data(consent="on"))
    assert created.status_code == 302
    profile = Profile.objects.get(user=user)
    edited = client.post("/members/me/edit/", form_data(profile, headline="Archiviste"))
    assert edited.status_code == 302
    assert Consent.objects.filter(user=user).count() == 1


def test_education_rows_go_through_the_same_save(client, member):
    data = form_data(
        member,
        **{
            "education-TOTAL_FORMS": "1",
            "education-0-programme": "Licence Histoire",
            "education-0-start_year": "2010",
            "education-0-end_year": "2013",
        },
    )
    assert client.post("/members/me/edit/", data).status_code == 302
    row = member.education.get()
    assert (row.programme, row.end_year) == ("Licence Histoire", 2013)
    deleted = form_data(
        member,
        **{
            "education-TOTAL_FORMS": "1",
            "education-INITIAL_FORMS": "1",
            "education-0-id": str(row.pk),
            "education-0-programme": "Licence Histoire",
            "education-0-DELETE": "on",
        },
    )
    assert client.post("/members/me/edit/", deleted).status_code == 302
    assert not member.education.exists()


def test_the_member_chooses_the_language_of_their_e_mails(client, member):
    page = client.get("/members/me/edit/").content.decode()
    assert 'name="language"' in page
    assert client.post("/members/me/edit/", form_data(member, language="en")).status_code == 302
    member.user.refresh_from_db()
    assert member.user.language == "en"
    response = patch(client, {"language": "fr"})
    assert response.status_code == 200 and response.json()["language"] == "fr"
    member.user.refresh_from_db()
    assert member.user.language == "fr"
