"""Events in the public search, on both backends: who finds which event, and its facets."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser

from clubs.models import ClubVisibility
from events.models import AttendanceMode, Audience
from search import services
from search.query import SearchQuery
from tests.clubs.factories import ClubFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import make_site_home
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(backend, indexed):
    def event(**fields):
        tags = fields.pop("tags", [])
        page = EventPageFactory(parent=index, **fields)
        page.tags.add(*tags)
        return publish(page)

    with indexed():
        index = EventIndexPageFactory(parent=make_site_home())
        private_club = ClubFactory(name="Cercle des mécènes", visibility=ClubVisibility.MEMBERS)
        science = event(
            title="Fête de la science",
            summary="Les laboratoires ouvrent leurs portes au public.",
            tags=["sciences"],
            attendance_mode=AttendanceMode.HYBRID,
            join_url="https://visio.univ-lille.example/fete-de-la-science",
            latitude=50.6292,
            longitude=3.0573,
        )
        event(title="Forum des porteurs de projets", audience=Audience.MEMBERS, tags=["sciences"])
        event(title="Dîner des mécènes", organiser_club=private_club, organiser_service="")
    return science


def search(viewer=None, **kwargs):
    results = services.search(viewer=viewer or AnonymousUser(), query=SearchQuery(**kwargs))
    assert not results.degraded
    return results


def titles(results):
    return sorted(hit.title for hit in results.hits)


def test_visitors_find_public_events_only(events):
    assert titles(search(kinds=("events",), text="laboratoires")) == ["Fête de la science"]
    assert titles(search(kinds=("events",), text="forum")) == []
    assert titles(search(kinds=("events",), text="mécènes")) == []
    member = UserFactory()
    assert titles(search(viewer=member, kinds=("events",), text="forum")) == [
        "Forum des porteurs de projets"
    ]
    assert titles(search(viewer=member, kinds=("events",), text="mécènes")) == ["Dîner des mécènes"]


def test_event_facets_count_what_the_viewer_may_find(events):
    results = search(viewer=UserFactory(), kinds=("events",), filters={"theme": ("sciences",)})
    assert titles(results) == ["Forum des porteurs de projets", "Fête de la science"]
    attendance = {value.label: value.count for value in results.facets["attendance"]}
    assert attendance == {
        str(AttendanceMode.IN_PERSON.label): 1,
        str(AttendanceMode.HYBRID.label): 1,
    }


def test_unpublished_events_leave_the_index(events, indexed):
    with indexed():
        events.unpublish()
    assert search(kinds=("events",), text="laboratoires").total == 0
    assert search(kinds=("pages",), text="laboratoires").total == 0


def _details(client, url, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get(url)
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [meta.get_text() for meta in page.select(".search-hit__meta")]


def test_an_event_hit_says_when_and_where_in_the_readers_language(client, backend, indexed):
    with indexed():
        index = EventIndexPageFactory(parent=make_site_home())
        publish(
            EventPageFactory(
                parent=index,
                title="Concert de Noël",
                start=dt.datetime(2026, 12, 18, 18, 0, tzinfo=dt.UTC),
                end=dt.datetime(2026, 12, 18, 20, 0, tzinfo=dt.UTC),
                venue="Grand Hall",
            )
        )
        publish(
            EventPageFactory(
                parent=index,
                title="Webinaire de printemps",
                start=dt.datetime(2027, 4, 2, 10, 30, tzinfo=dt.UTC),
                end=dt.datetime(2027, 4, 2, 11, 30, tzinfo=dt.UTC),
                venue="",
                attendance_mode=AttendanceMode.ONLINE,
                join_url="https://visio.univ-lille.example/printemps",
                cancelled=True,
            )
        )
    url = "/search/?kind=events&sort=date"
    assert _details(client, url, "fr") == [
        "vendredi 2 avril 2027, 12:30 · En ligne · Annulé",
        "vendredi 18 décembre 2026, 19:00 · Grand Hall",
    ]
    assert _details(client, url, "en") == [
        "Friday 2 April 2027, 12:30 · Online · Cancelled",
        "Friday 18 December 2026, 19:00 · Grand Hall",
    ]
