"""How many queries each page type asks of the database, on the demo content: for a
visitor (page cache off, and from the page cache) and for a signed-in member. The
bounds are what the pages reach today, so that a query per item shows at once."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from members.demo import LEADER_EMAIL

pytestmark = pytest.mark.django_db

# Page → the most queries it may ask (a visitor, a signed-in member).
BOUNDS = {
    "/": (19, 23),
    "/news/": (19, 23),
    "/news/nouveau-club-biotech/": (24, 28),
    "/videos/": (13, 17),
    "/videos/camille-et-jean/": (20, 24),
    "/clubs/": (11, 15),
    "/clubs/club-biotech/": (22, 32),
    "/events/": (19, 23),
    "/events/fete-de-la-science/": (15, 23),
    "/organisations/": (6, 10),
    "/members/": (12, 17),
}
MEMBER_ONLY = {"/dashboard/": 23}


@pytest.fixture
def leader(demo_site):
    return get_user_model().objects.get(email=LEADER_EMAIL)


@pytest.mark.parametrize("url", BOUNDS)
def test_a_visitors_page_asks_a_bounded_number_of_queries(
    url, demo_site, settings, django_assert_max_num_queries, footer_read
):
    settings.PAGE_CACHE_SECONDS = 0
    client = Client()
    assert client.get(url).status_code == 200  # the settings and menus read once
    with django_assert_max_num_queries(BOUNDS[url][0]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", BOUNDS)
def test_a_page_from_the_cache_asks_nothing_of_the_database(
    url, demo_site, django_assert_num_queries, footer_read
):
    Client().get(url)
    with django_assert_num_queries(0):
        response = Client().get(url)
    assert response["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("url", [*BOUNDS, *MEMBER_ONLY])
def test_a_members_page_asks_a_bounded_number_of_queries(
    url, leader, django_assert_max_num_queries, footer_read
):
    client = Client()
    client.force_login(leader)
    assert client.get(url).status_code == 200
    bound = MEMBER_ONLY.get(url) or BOUNDS[url][1]
    with django_assert_max_num_queries(bound):
        assert client.get(url).status_code == 200
