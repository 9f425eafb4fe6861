"""The member directory answered by the public search: typos, facets, privacy, degradation."""

import pytest

from tests.members.conftest import run_commit_callbacks
from tests.members.factories import EducationFactory, ProfileFactory, make_staff

pytestmark = pytest.mark.django_db

# Nothing listens there: the client's connection is refused at once.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def helene():
    return ProfileFactory(
        first_name="Hélène",
        last_name="Dupont",
        headline="Urbaniste à Montréal",
        headline_visibility="public",
        country="CA",
        location_visibility="public",
        biography="zqdircanary aime les jardins partagés",
        biography_visibility="private",
        listed_publicly=True,
        listed_to_members=True,
    )


def directory(client, **params) -> str:
    response = client.get("/members/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_misspelt_or_accentless_word_finds_the_member(client, helene):
    ProfileFactory(first_name="Paul", last_name="Martin", listed_publicly=True)
    for words in ("helene", "Dupomt", "urbaniste montreal"):
        body = directory(client, q=words)
        assert "Hélène Dupont" in body, words
        assert "Paul Martin" not in body
    assert "<mark>" in directory(client, q="montreal")


def test_facet_counts_appear_next_to_the_filters(client, helene):
    for _ in range(2):
        ProfileFactory(country="FR", location_visibility="public", listed_publicly=True)
    EducationFactory(profile=helene, faculty="Faculté des sciences")
    helene.education_visibility = "public"
    helene.save()
    body = directory(client)
    assert "France (2)" in body
    assert "Canada (1)" in body
    assert 'Faculté des sciences</a> <span class="search-facets__count">(1)</span>' in body
    filtered = directory(client, faculty="Faculté des sciences")
    assert "1 membre" in filtered and "Hélène Dupont" in filtered


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_private_sections_word_never_matches(client, helene, signed_in):
    if signed_in:
        client.force_login(ProfileFactory().user)
    body = directory(client, q="zqdircanary")
    assert "Hélène Dupont" not in body
    assert "0 membre" in body
    api = client.get("/api/community/members/", {"q": "zqdircanary"}).json()
    assert api["count"] == 0
    # The other words of the private biography do not match either; the public ones do.
    assert "Hélène Dupont" not in directory(client, q="jardins")
    assert "Hélène Dupont" in directory(client, q="montreal")


def test_the_page_says_results_may_be_incomplete_when_elasticsearch_is_down(
    client, helene, settings
):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    body = directory(client, q="helene")
    assert "les résultats peuvent être incomplets" in body
    assert "Hélène Dupont" in body
    assert client.get("/api/community/members/", {"q": "helene"}).json()["degraded"] is True


def test_staff_still_find_unlisted_members(client):
    ProfileFactory(last_name="Cachée", listed_publicly=False, listed_to_members=False)
    client.force_login(make_staff())
    assert "Cachée" in directory(client, q="Cachée")


def test_a_searched_directory_page_in_bounded_queries(
    client, django_assert_max_num_queries, footer_read
):
    for number in range(30):
        profile = ProfileFactory(
            headline=f"Ingénieure données {number}",
            headline_visibility="public",
            country="FR",
            location_visibility="public",
            listed_publicly=True,
        )
        EducationFactory(profile=profile)
        profile.expertise.add("science des données", f"domaine {number}")
    client.force_login(ProfileFactory().user)
    run_commit_callbacks()
    with django_assert_max_num_queries(22):
        body = directory(client, q="ingenieure", country="FR", expertise="science des données")
    assert "30 membres" in body
