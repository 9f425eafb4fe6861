"""Feeds, sitemap, meta tags and schema.org data: what other sites and readers get."""

import json
import re
from xml.etree import ElementTree

import feedparser
import pytest


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize("url", ["/feeds/news.xml", "/feeds/news.atom"])
def test_feeds_parse_and_list_every_story(newsroom, client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version in {"rss20", "atom10"}
    titles = [entry.title for entry in feed.entries]
    assert titles == [newsroom["lille"].title, newsroom["week"].title]
    first = feed.entries[0]
    assert (
        first.link == "http://localhost/news/la-ville-de-lille-luniversite-signent-un-partenariat/"
    )
    assert first.summary == "Cinq ans de coopération <énergie, mobilités>."
    assert first.author == "Claire Dumont"
    assert {tag.term for tag in first.tags} == {"Lille", "partenariat"}
    assert first.published_parsed is not None


def test_feed_by_tag_lists_only_that_tag(newsroom, client):
    feed = feedparser.parse(client.get("/feeds/news/international.xml").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [newsroom["week"].title]
    assert "international" in feed.feed.title
    assert client.get("/feeds/news/no-such-tag.xml").status_code == 404


def test_news_index_announces_its_feeds(newsroom, client):
    html = client.get("/news/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/news.xml"' in html


def test_sitemap_lists_stories_and_episodes(newsroom, client):
    response = client.get("/sitemap.xml")
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (our own sitemap)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {node.text for node in tree.findall("s:url/s:loc", namespace)}
    for key in ("index", "lille", "week", "series", "episode"):
        assert f"http://localhost{newsroom[key].url}" in locations


def test_story_has_meta_description_open_graph_and_canonical(newsroom, client):
    html = client.get(newsroom["lille"].url).content.decode()
    url = "http://localhost/news/la-ville-de-lille-luniversite-signent-un-partenariat/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="Cinq ans de coopération &lt;énergie' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert re.search(
        r'<meta property="og:image" content="http://localhost/media/images/[^"]+">', html
    )
    assert '<meta property="og:image:alt" content="La façade de briques' in html


def test_story_json_ld_is_a_news_article(newsroom, client):
    html = client.get(newsroom["lille"].url).content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == newsroom["lille"].title
    for required in ("image", "datePublished", "dateModified", "author", "publisher"):
        assert data[required], required
    assert data["author"] == [
        {"@type": "Person", "name": "Claire Dumont", "jobTitle": "communication"}
    ]
    assert data["image"][0].startswith("http://localhost/media/images/")
    assert data["publisher"]["@type"] == "Organization"


def test_json_ld_cannot_close_its_script_element(newsroom, client):
    story = newsroom["lille"]
    story.summary = "</script><script>alert(1)</script>"
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_episode_json_ld_is_a_video_object(newsroom, client):
    episode = newsroom["episode"]
    html = client.get(episode.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "VideoObject"
    for required in ("name", "description", "thumbnailUrl", "uploadDate"):
        assert data[required], required
    assert data["duration"] == "PT12M30S"
    assert data["contentUrl"] == f"http://localhost{episode.video.url}"
    assert data["transcript"].startswith("Camille : Vous vous souvenez")
    assert [person["name"] for person in data["actor"]] == ["Camille Lefebvre", "Jean Delattre"]
    assert '<meta property="og:type" content="video.episode">' in html
