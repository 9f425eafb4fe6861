import json

import pytest
from django.contrib.auth.models import AnonymousUser

from members.models import DirectorySettings, OrganisationContact, Profile
from members.privacy import Visibility
from tests.members.factories import (
    ArchiveProfileFactory,
    EducationFactory,
    ExperienceFactory,
    OrganisationFactory,
    ProfileFactory,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    datavers = OrganisationFactory(name="Datavers", sector="digital")
    public = ProfileFactory(
        last_name="Public",
        listed_publicly=True,
        headline="Data scientist",
        headline_visibility=Visibility.PUBLIC,
        city="Gand",
        country="BE",
        location_visibility=Visibility.PUBLIC,
        hiring=True,
    )
    EducationFactory(profile=public, programme="Master Science des données", end_year=2019)
    ExperienceFactory(profile=public, organisation=datavers, sector="digital")
    public.expertise.add("intelligence artificielle")
    members_only = ProfileFactory(last_name="Membre", city="Lille", country="FR")
    EducationFactory(profile=members_only, programme="Licence Histoire", end_year=2005)
    OrganisationContact.objects.create(organisation=datavers, profile=public, role="DRH")
    return {"public": public, "members_only": members_only, "datavers": datavers}


def test_visitors_list_public_members_and_their_public_sections(client, people):
    body = client.get("/api/community/members/").json()
    assert body["count"] == 1
    [member] = body["results"]
    assert member["last_name"] == "Public"
    assert member["headline"] == "Data scientist"
    assert member["location"]["city"] == "Gand"
    assert "education" not in member and "contact" not in member


def test_members_list_with_filters(client, people):
    client.force_login(people["members_only"].user)

    def names(**params):
        results = client.get("/api/community/members/", params).json()["results"]
        return [member["last_name"] for member in results]

    # Sorted by name as shown (first name first) when the public search answers.
    assert sorted(names()) == ["Membre", "Public"]
    assert names(country="BE") == ["Public"]
    assert names(year_min=2010) == ["Public"]
    assert names(programme="histoire") == ["Membre"]
    assert names(sector="digital", organisation="datavers") == ["Public"]
    assert names(expertise="intelligence artificielle") == ["Public"]
    assert names(hiring="true") == ["Public"]
    assert names(q="data") == ["Public"]
    assert names(sort="graduation") == ["Public", "Membre"]


def test_member_detail_follows_privacy(client, people):
    response = client.get(f"/api/community/members/{people['members_only'].pk}")
    assert response.status_code == 404
    assert response.json()["message"] == "Ce membre n’existe pas."
    client.force_login(people["public"].user)
    detail = client.get(f"/api/community/members/{people['members_only'].pk}").json()
    assert detail["education"][0]["programme"] == "Licence Histoire"


def test_me_reads_and_updates_visibilities(client, people):
    me = people["members_only"]
    assert client.get("/api/community/members/me").status_code == 401
    client.force_login(me.user)
    body = client.get("/api/community/members/me").json()
    assert body["visibilities"]["headline"] == "members"
    response = client.patch(
        "/api/community/members/me",
        json.dumps(
            {
                "headline": "Historienne",
                "expertise": ["patrimoine", "archives"],
                "listed_publicly": True,
                "visibilities": {"headline": "public", "education": "private"},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["visibilities"]["education"] == "private"
    client.logout()
    seen = client.get(f"/api/community/members/{me.pk}").json()
    assert seen["headline"] == "Historienne"
    assert "education" not in seen


def test_staff_detail_is_full_and_logged_but_lists_are_not_full(client, people):
    staff = make_staff()
    client.force_login(staff)
    member = people["members_only"]
    member.biography = "Confidentiel"
    member.biography_visibility = Visibility.PRIVATE
    member.save()
    listing = client.get("/api/community/members/", {"q": "Membre"}).json()["results"]
    assert "biography" not in listing[0]
    assert member.staff_accesses.count() == 0
    detail = client.get(f"/api/community/members/{member.pk}").json()
    assert detail["biography"] == "Confidentiel"
    assert member.staff_accesses.count() == 1


def test_archive_records_minimal_listing_when_the_institution_opts_in(client, people):
    record = ArchiveProfileFactory(last_name="Archive")
    EducationFactory(profile=record, programme="DEUG Sciences", end_year=1985, faculty="Sciences")
    client.force_login(people["public"].user)
    assert "Archive" not in client.get("/api/community/members/").content.decode()
    settings = DirectorySettings.load()
    settings.list_archive_records = True
    settings.save()
    results = client.get("/api/community/members/", {"q": "Archive"}).json()["results"]
    assert results[0]["education"] == [{"programme": "DEUG Sciences", "end_year": 1985}]
    assert set(results[0]) == {"id", "first_name", "last_name", "kind", "url", "education"}
    from members.privacy import visible_profiles

    assert record not in visible_profiles(AnonymousUser())


def test_organisations_list_and_detail(client, people):
    body = client.get("/api/community/organisations/", {"kind": "company"}).json()
    assert [organisation["name"] for organisation in body["results"]] == ["Datavers"]
    detail = client.get("/api/community/organisations/datavers").json()
    assert detail["contacts"] == [
        {
            "id": people["public"].pk,
            "name": people["public"].full_name,
            "role": "DRH",
            "url": f"/members/{people['public'].pk}/",
        }
    ]
    assert client.get("/api/community/organisations/", {"kind": "pirate"}).status_code == 400
    assert client.get("/api/community/organisations/nope").status_code == 404


def test_the_schema_documents_the_endpoints(client):
    schema = client.get("/api/community/openapi.json").json()
    assert "/api/community/members/" in schema["paths"]
    assert "patch" in schema["paths"]["/api/community/members/me"]
    assert "/api/community/organisations/{slug}" in schema["paths"]


def test_a_city_changed_through_the_api_brings_its_own_position(client, people):
    me = people["members_only"]
    Profile.objects.filter(pk=me.pk).update(
        city="Lille", country="FR", latitude=50.6, longitude=3.1
    )
    client.force_login(me.user)

    def patch(changes):
        return client.patch(
            "/api/community/members/me", json.dumps(changes), content_type="application/json"
        )

    assert patch({"city": "montreal"}).status_code == 200
    me.refresh_from_db()
    assert (me.city, me.country) == ("Montréal", "CA")
    assert round(me.latitude) == 46 and round(me.longitude) == -74
    refused = patch({"city": "Nullepartville"})
    assert refused.status_code == 400 and "city" in refused.json()["errors"]
    me.refresh_from_db()
    assert me.city == "Montréal"
    assert patch({"city": ""}).status_code == 200
    me.refresh_from_db()
    assert me.latitude is None and me.longitude is None


def test_the_published_document_describes_the_members_own_schemas(client):
    schemas = client.get("/api/community/openapi.json").json()["components"]["schemas"]
    location = schemas["MemberLocationOut"]
    assert set(location["required"]) == {"city", "country"}
    assert "country_name" not in location["properties"]
    listing = client.get("/api/community/openapi.json").json()["paths"]["/api/community/members/"]
    parameters = {parameter["name"]: parameter for parameter in listing["get"]["parameters"]}
    assert parameters["sort"]["schema"]["enum"] == ["name", "recent", "graduation"]
    assert parameters["page_size"]["schema"]["maximum"] == 100


def test_a_page_past_the_last_one_is_empty(client, people):
    members = client.get("/api/community/members/", {"page": 50}).json()
    assert members["page"] == 50 and members["results"] == [] and members["count"] > 0
    organisations = client.get("/api/community/organisations/", {"page": 50}).json()
    assert organisations["results"] == [] and organisations["count"] == 1
