import io

import pytest
from django.core.management import call_command
from wagtail.models import Workflow

from events.models import EventIndexPage, EventPage, Registration
from events.proposals import REVIEW_WORKFLOW

pytestmark = pytest.mark.django_db


def test_demo_events_include_full_ones_with_a_waiting_list(client, demo_site):
    index = EventIndexPage.objects.get()
    assert index.url == "/events/"
    titles = set(EventPage.objects.values_list("title", flat=True))
    assert "Semaine internationale des étudiants" in titles
    assert any(title.startswith("Fête de la science") for title in titles)
    assert "Forum des porteurs de projets" in titles
    assert EventPage.objects.get(slug="semaine-internationale-des-etudiants").start.month == 11
    assert EventPage.objects.get(slug="fete-de-la-science").start.month == 10
    forum = EventPage.objects.get(slug="forum-des-porteurs-de-projets")
    assert Registration.objects.filter(event=forum, status="confirmed").count() == forum.capacity
    assert Registration.objects.filter(event=forum, status="waitlisted").exists()
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).exists()
    assert client.get("/events/").status_code == 200
    assert client.get(forum.url).status_code == 200

    counts = (EventPage.objects.count(), Registration.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (EventPage.objects.count(), Registration.objects.count()) == counts
