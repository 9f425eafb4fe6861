import datetime
import re

import pytest

from members.models import Profile
from tests.members.conftest import run_commit_callbacks
from tests.members.factories import (
    EducationFactory,
    ExperienceFactory,
    OrganisationFactory,
    ProfileFactory,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_members(demo_site):
    return Profile.objects.filter(user__email__endswith="@demo.cercle.example.org")


def test_demo_directory_lists_only_public_members_to_visitors(client, demo_members):
    response = client.get("/members/")
    assert response.status_code == 200
    public = demo_members.filter(listed_publicly=True).count()
    assert f"{public} membres" in response.content.decode()


def test_demo_directory_filters_sort_and_pages_for_members(client, demo_members):
    member = demo_members.first()
    client.force_login(member.user)
    response = client.get("/members/", {"country": "FR", "sort": "graduation", "page": 2})
    assert response.status_code == 200
    assert "Page 2" in response.content.decode()


def test_profile_page_shows_sections_to_members(client):
    profile = ProfileFactory(headline="Urbaniste à Lille")
    EducationFactory(profile=profile)
    ExperienceFactory(profile=profile)
    client.force_login(ProfileFactory().user)
    body = client.get(f"/members/{profile.pk}/").content.decode()
    assert "Urbaniste à Lille" in body
    assert "Master Économie appliquée" in body
    assert "Cheffe de projet" in body


def test_owner_previews_as_visitor_and_member(client):
    profile = ProfileFactory(headline="Ma phrase", listed_publicly=True)
    client.force_login(profile.user)
    assert "Ma phrase" not in client.get(f"/members/{profile.pk}/?as=visitor").content.decode()
    assert "Ma phrase" in client.get(f"/members/{profile.pk}/?as=member").content.decode()
    profile.listed_publicly = False
    profile.save()
    body = client.get(f"/members/{profile.pk}/?as=visitor").content.decode()
    assert "ne peuvent pas trouver votre profil" in body or "cannot find your profile" in body


def test_staff_reading_a_profile_is_logged(client):
    profile = ProfileFactory()
    staff = make_staff()
    client.force_login(staff)
    client.get(f"/members/{profile.pk}/")
    assert profile.staff_accesses.get().staff_user == staff


def test_organisation_page_lists_contacts_and_people(client):
    organisation = OrganisationFactory(name="Datavers")
    ExperienceFactory(organisation=organisation, profile=ProfileFactory(last_name="Wattel"))
    member = ProfileFactory()
    client.force_login(member.user)
    body = client.get(f"/organisations/{organisation.slug}/").content.decode()
    assert "Datavers" in body and "Wattel" in body
    assert "Datavers" in client.get("/organisations/").content.decode()


def test_dashboard_shows_completeness_and_next_steps(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    body = client.get("/dashboard/").content.decode()
    assert "%" in body
    assert "/members/me/edit/" in body


def test_header_links_to_directory_and_dashboard(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    body = client.get("/members/").content.decode()
    assert 'href="/members/"' in body and 'href="/dashboard/"' in body


def test_staff_fetching_a_photo_members_may_see_is_not_logged_but_a_private_one_is(
    client, png_file
):
    shared = ProfileFactory()
    shared.photo.save("p.png", png_file())
    hidden = ProfileFactory(photo_visibility="private")
    hidden.photo.save("p.png", png_file())
    client.force_login(make_staff())
    assert client.get(f"/members/{shared.pk}/photo/").status_code == 200
    assert client.get(f"/members/{hidden.pk}/photo/").status_code == 200
    assert shared.staff_accesses.count() == 0
    assert hidden.staff_accesses.count() == 1


def test_a_full_profile_page_renders_in_bounded_queries(
    client, django_assert_max_num_queries, footer_read
):
    profile = ProfileFactory(headline="Urbaniste")
    for year in (2008, 2010, 2012):
        EducationFactory(profile=profile, end_year=year)
    for _ in range(4):
        ExperienceFactory(profile=profile)
    profile.expertise.add("urbanisme", "mobilité durable", "patrimoine")
    client.force_login(ProfileFactory().user)
    run_commit_callbacks()
    with django_assert_max_num_queries(14):
        response = client.get(f"/members/{profile.pk}/")
    assert response.content.decode().count("Cheffe de projet") == 4


def test_a_bad_page_number_is_explained(client):
    response = client.get("/members/", {"page": "deux"})
    assert "Saisissez un nombre entier." in response.content.decode()


def test_editing_a_profile_keeps_the_dates_of_its_experience(client):
    """A date input reads ISO dates only: one written "01/01/2018" would be sent back empty."""
    experience = ExperienceFactory(
        start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2021, 6, 30)
    )
    client.force_login(experience.profile.user)

    html = client.get("/members/me/edit/").content.decode()

    assert re.search(r'type="date" name="experience-0-start_date" value="2018-01-01"', html)
    assert re.search(r'type="date" name="experience-0-end_date" value="2021-06-30"', html)
