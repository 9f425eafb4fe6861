"""The directory's first page at demo scale: 10,000 members, a bounded number of queries."""

import io

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command

from members.directory import DirectoryQuery, search_directory
from members.models import Education, Profile, ProfileExpertise, User
from tests.members.conftest import run_commit_callbacks
from tests.members.factories import OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db

SIZE = 10_000


@pytest.fixture
def ten_thousand_members():
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"m{number}@scale.example.org", password=password) for number in range(SIZE)],
        batch_size=2000,
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                first_name=f"Prénom{number}",
                last_name=f"Nom{number:05d}",
                headline=f"Ingénieur·e {number}",
                city="Lille",
                country="FR",
                listed_publicly=number % 2 == 0,
                headline_visibility="public",
            )
            for number, user in enumerate(users)
        ],
        batch_size=2000,
    )
    Education.objects.bulk_create(
        [
            Education(
                profile=profile, programme="Master Informatique", start_year=2010, end_year=2012
            )
            for profile in profiles
        ],
        batch_size=2000,
    )
    seed = ProfileFactory()
    seed.expertise.add("science des données")
    tag = seed.expertise.get()
    ProfileExpertise.objects.bulk_create(
        [ProfileExpertise(content_object=profile, tag=tag) for profile in profiles[:3000]],
        batch_size=2000,
    )
    OrganisationFactory.create_batch(3)
    # Rows written in bulk send no signal: the index is rebuilt, as after an import.
    call_command("search_index", "--rebuild", "--kind", "members", stdout=io.StringIO())
    run_commit_callbacks()
    return profiles


@pytest.mark.parametrize("signed_in", [False, True])
def test_first_page_of_ten_thousand_in_bounded_queries(
    client, ten_thousand_members, django_assert_max_num_queries, signed_in, footer_read
):
    if signed_in:
        client.force_login(ten_thousand_members[1].user)
    # The public search answers in two queries (the kept counts, the page), then
    # the page's profiles are read with their sections.
    with django_assert_max_num_queries(18):
        response = client.get("/members/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nom00000" in body
    expected = SIZE + 1 if signed_in else SIZE // 2
    assert f"{expected:,}".replace(",", "\u202f") in body or str(expected) in body


def test_api_page_of_ten_thousand_in_bounded_queries(
    client, ten_thousand_members, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get("/api/community/members/", {"sort": "graduation", "page": 3})
    assert response.json()["count"] == SIZE // 2
    assert len(response.json()["results"]) == 20


def test_filters_at_scale_answer_from_the_database(ten_thousand_members):
    member = ten_thousand_members[1].user
    page = search_directory(
        viewer=member, query=DirectoryQuery(text="Nom0004", expertise="science des données")
    )
    # The names "Nom0004" begins, and those one letter away from it, among the 3,000
    # members with the expertise.
    digits = "0123456789"
    expected = (
        {f"Nom0004{d}" for d in digits}
        | {f"Nom00{d}04" for d in digits}
        | {f"Nom000{d}4" for d in digits}
        | {"Nom01004", "Nom02004"}
    )
    assert page.total == len(expected) == 30
    assert {view.last_name for view in page.results} <= expected
