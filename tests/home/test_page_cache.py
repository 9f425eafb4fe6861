"""The page cache (config.pagecache) on a real Redis: what visitors without an account
get from it, and what it never gives them."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from clubs.models import ClubVisibility
from config import pagecache
from events import registration
from home.models import InstitutionSettings
from tests.clubs.factories import ClubFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import StandardPageFactory, make_site_home
from tests.members.factories import ProfileFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_cache")]


def visit(url: str, **headers):
    """A new visitor (no cookie) asks for ``url``."""
    return Client().get(url, headers=headers)


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def home():
    return make_site_home(title="Accueil")


@pytest.fixture
def story(home):
    index = NewsIndexPageFactory(parent=home)
    page = NewsPageFactory(parent=index, title="Le campus s’agrandit", slug="campus")
    page.save_revision().publish()
    return page


def test_a_visitors_page_is_served_from_the_cache_with_validators(story):
    first = visit(story.url)
    assert first["X-Page-Cache"] == "miss"
    second = visit(story.url)
    assert second["X-Page-Cache"] == "hit"
    assert html(second) == html(first) and "Le campus s’agrandit" in html(second)
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    assert second["Vary"] == "Cookie" and second["Content-Language"] == "fr"
    # The security headers are added to each hit, as to any response.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    revalidated = visit(story.url, if_none_match=first["ETag"])
    assert revalidated.status_code == 304 and not revalidated.content


def test_a_signed_in_members_page_never_reaches_a_visitor(story):
    member = ProfileFactory().user
    client = Client()
    client.force_login(member)
    signed_in = client.get(story.url)
    assert member.email in html(signed_in)
    assert "X-Page-Cache" not in signed_in and "private" in signed_in["Cache-Control"]
    visitor = visit(story.url)
    assert visitor["X-Page-Cache"] == "miss" and member.email not in html(visitor)
    # Nor the other way round: the member keeps seeing their own page.
    assert visit(story.url)["X-Page-Cache"] == "hit"
    assert member.email in html(client.get(story.url))


def test_a_page_with_a_form_token_or_a_message_is_kept_for_nobody(home):
    sign_in = reverse("account_login")
    for _ in range(2):
        response = visit(sign_in)
        assert "csrfmiddlewaretoken" in html(response)
        assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]
    events = EventIndexPageFactory(parent=home)
    event = publish(EventPageFactory(parent=events, title="Forum des métiers", capacity=10))
    guest = Client()
    guest.post(f"/events/{event.pk}/register/", {"name": "Ada", "email": "ada@example.org"})
    with_message = guest.get(event.url)
    assert "ada@example.org" in html(with_message) and "X-Page-Cache" not in with_message
    other = visit(event.url)
    assert "ada@example.org" not in html(other) and "message--" not in html(other)


def test_the_guests_form_needs_no_token_and_a_members_post_still_does(home):
    events = EventIndexPageFactory(parent=home)
    event = publish(EventPageFactory(parent=events, capacity=10))
    visit(event.url)
    page = visit(event.url)
    assert page["X-Page-Cache"] == "hit" and "csrfmiddlewaretoken" not in html(page)
    guest = Client(enforce_csrf_checks=True)
    answer = guest.post(f"/events/{event.pk}/register/", {"name": "Ada", "email": "a@example.org"})
    assert answer.status_code == 302
    member = Client(enforce_csrf_checks=True)
    member.force_login(ProfileFactory().user)
    assert member.post(f"/events/{event.pk}/register/").status_code == 403


def test_seats_left_follow_each_registration(home):
    events = EventIndexPageFactory(parent=home)
    event = publish(EventPageFactory(parent=events, title="Forum", capacity=3))
    assert "3 places restantes sur 3" in html(visit(event.url))
    assert "3 places restantes" in html(visit(events.url))
    assert visit(event.url)["X-Page-Cache"] == "hit"
    registration.register(event=event, profile=ProfileFactory())
    assert "2 places restantes sur 3" in html(visit(event.url))
    assert "2 places restantes" in html(visit(events.url))


def test_a_club_made_members_only_leaves_the_visitors_cache():
    club = ClubFactory(name="Club des diplômés à Berlin")
    url = club.get_absolute_url()
    visit(url)
    assert visit(url)["X-Page-Cache"] == "hit"
    assert "Club des diplômés à Berlin" in html(visit(reverse("clubs:directory")))
    club.visibility = ClubVisibility.MEMBERS
    club.save()
    assert visit(url).status_code == 404
    assert "Club des diplômés à Berlin" not in html(visit(reverse("clubs:directory")))


def test_publishing_unpublishing_moving_and_deleting_purge_what_shows_the_page(home, story):
    index = story.get_parent()
    for url in (story.url, index.url):
        visit(url)
        assert visit(url)["X-Page-Cache"] == "hit"
    story.title = "Le campus s’agrandit encore"
    story.save_revision().publish()
    assert "Le campus s’agrandit encore" in html(visit(story.url))
    assert "Le campus s’agrandit encore" in html(visit(index.url))

    other = StandardPageFactory(parent=home, title="Archives", slug="archives")
    old_url = story.url
    story.move(other, pos="last-child")
    story.refresh_from_db()
    # Wagtail leaves a redirect at the old address.
    moved = visit(old_url)
    assert moved.status_code == 301 and moved["Location"] == story.url
    assert visit(story.url).status_code == 200
    assert "Le campus s’agrandit encore" not in html(visit(index.url))

    visit(story.url)
    story.unpublish()
    assert visit(story.url).status_code == 404

    page = StandardPageFactory(parent=home, title="Plan du campus", slug="plan")
    visit(page.url)
    assert visit(page.url)["X-Page-Cache"] == "hit"
    page.delete()
    assert visit("/plan/").status_code == 404


def test_a_french_page_never_reaches_an_english_visitor(story):
    french = visit(story.url)
    assert french["Content-Language"] == "fr" and 'lang="fr"' in html(french)
    english_visitor = Client()
    english_visitor.cookies["django_language"] = "en"
    english = english_visitor.get(story.url)
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en" and 'lang="en"' in html(english)
    assert "Skip to main content" in html(english)


def test_the_site_settings_purge_every_page(story):
    visit(story.url)
    settings = InstitutionSettings.load()
    settings.name = "Université de Lille-Métropole"
    settings.save()
    assert "Université de Lille-Métropole" in html(visit(story.url))


def test_a_page_rendered_while_a_change_commits_is_never_served():
    """The versions are read before the data: a purge during the rendering makes the
    kept page outdated at once."""
    rendered = []

    def view(request):
        pagecache.serve_publicly("club:1")
        rendered.append(len(rendered))
        if len(rendered) == 1:
            pagecache.purge("club:1")  # another request's change, committed meanwhile
        return HttpResponse(f"version {len(rendered)}")

    middleware = pagecache.PageCacheMiddleware(view)
    request = RequestFactory().get("/clubs/1/")
    assert middleware(request).content == b"version 1"
    assert middleware(RequestFactory().get("/clubs/1/")).content == b"version 2"
    assert middleware(RequestFactory().get("/clubs/1/")).content == b"version 2"
