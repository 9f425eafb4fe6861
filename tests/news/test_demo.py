import io
import re

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, WorkflowPage

from news.models import NewsIndexPage, NewsPage, VideoEpisodePage, VideoSeriesPage
from tests.news.test_editorial import story_form


@pytest.mark.django_db
def test_demo_newsroom_is_in_place_and_plays_offline(demo_site, client):
    index = NewsIndexPage.objects.child_of(demo_site).get()
    series = VideoSeriesPage.objects.child_of(demo_site).get()
    assert index.url == "/news/" and series.url == "/videos/"
    assert NewsPage.objects.live().count() == 12
    assert VideoEpisodePage.objects.live().count() == 3
    assert index.featured_story.slug == "partenariat-ville-de-lille"

    html = client.get("/news/").content.decode()
    assert "La Ville de Lille et l’université signent un partenariat" in html
    episode = VideoEpisodePage.objects.get(slug="camille-et-jean")
    club = client.get("/news/nouveau-club-biotech/").content.decode()
    assert f'<a href="{episode.url}">{episode.title}</a>' in club, "related pages are linked"
    html = client.get(episode.url).content.decode()
    assert '<track kind="captions"' in html
    assert '<track kind="descriptions"' in html, "what the images show is described"
    video = client.get(episode.video.url)
    assert video["Content-Type"] == "video/webm"
    assert sum(len(chunk) for chunk in video.streaming_content) < 300_000
    captions = client.get(episode.captions.url)
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")


@pytest.mark.django_db
def test_home_page_shows_the_latest_demo_stories(demo_site, client):
    html = client.get("/").content.decode()
    assert "La Ville de Lille et l’université signent un partenariat" in html
    assert "Aucune actualité n’a encore été publiée" not in html


@pytest.mark.django_db
def test_contributions_to_the_news_go_through_review(demo_site):
    index = NewsIndexPage.objects.get()
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == "Relecture des contributions"
    assert index.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Moderators"]


@pytest.mark.django_db
def test_demo_newsroom_is_idempotent(demo_site):
    pages = Page.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_a_contributor_submits_a_story_that_the_newsroom_approves(demo_site, client):
    index = NewsIndexPage.objects.get()
    contributor = get_user_model().objects.create_user(
        email="responsable.club@example.org", password="x" * 12
    )
    contributor.groups.add(Group.objects.get(name="Contributeurs des actualités"))
    client.force_login(contributor)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    response = client.post(add_url, {**story_form(), "action-submit": "1"})
    assert response.status_code == 302
    story = NewsPage.objects.get(slug="semaine-internationale")
    assert not story.live, "a contribution waits for review"
    state = story.current_workflow_state
    assert state.status == "in_progress"

    moderator = get_user_model().objects.create_user(
        email="redaction@example.org", password="x" * 12
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    action_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(story.pk, "approve", state.current_task_state.pk),
    )
    assert client.post(action_url, {"comment": ""}).status_code in {200, 302}
    story.refresh_from_db()
    assert story.live
    client.logout()
    assert client.get(story.url).status_code == 200


@pytest.mark.django_db
def test_every_tag_link_of_the_demo_stories_leads_to_its_stories_and_feeds(demo_site, client):
    accented = {"énergie", "égalité", "numérique", "mobilités"}
    seen = set()
    for story in NewsPage.objects.live():
        html = client.get(story.url).content.decode()
        links = re.findall(r'<a href="(/news/\?tag=[^"]+)">#([^<]+)</a>', html)
        assert {name for _, name in links} == {tag.name for tag in story.tags.all()}
        for href, name in links:
            listing = client.get(href.replace("&amp;", "&"))
            assert listing.status_code == 200, href
            page = listing.content.decode()
            assert story.title in page
            assert f"#{name}" in page
            feed_links = set(re.findall(r'href="(/feeds/news/[^"]+\.xml)"', page))
            assert len(feed_links) == 1, href
            feed = feedparser.parse(client.get(feed_links.pop()).content)
            assert not feed.bozo and story.title in [entry.title for entry in feed.entries]
            seen.add(name)
    assert accented <= seen
    assert client.get("/feeds/news/énergie.atom").status_code == 200
    assert client.get("/news/", {"tag": "pas-de-tel-mot-cle"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("tag", ["pas-de-telle-etiquette", "\x00", "énergie%", "a b"])
def test_a_tag_that_no_story_has_is_not_found(demo_site, client, tag):
    assert client.get("/news/", {"tag": tag}).status_code == 404
