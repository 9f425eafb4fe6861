"""A headless client reads stories and episodes from the content API."""

import pytest


def api(client, **params):
    response = client.get("/api/v2/pages/", {"fields": "*", **params})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_stories_carry_every_field(newsroom, client):
    data = api(client, type="news.NewsPage", title=newsroom["lille"].title)
    assert data["meta"]["total_count"] == 1
    story = data["items"][0]
    assert story["meta"]["type"] == "news.NewsPage"
    assert story["date"] == "2026-11-20"
    assert story["summary"].startswith("Cinq ans de coopération")
    assert story["hero_image"]["url"].endswith(".fill-1280x640.jpg")
    assert story["hero_image"]["width"] == 1280
    assert story["hero_image_thumbnail"]["url"].endswith(".fill-640x360.jpg")
    assert story["hero_alt_text"].startswith("La façade de briques")
    assert sorted(story["tags"]) == ["Lille", "partenariat"]
    assert story["authors"] == [
        {
            "id": story["authors"][0]["id"],
            "meta": {"type": "news.NewsPageAuthor"},
            "name": "Claire Dumont",
            "role": "communication",
        }
    ]
    assert story["categories"] == []
    assert story["related_pages"] == []
    assert isinstance(story["body"], list)


@pytest.mark.django_db
def test_story_body_is_structured_and_rich_text_is_html(newsroom, client):
    story = newsroom["lille"]
    story.body = [
        ("heading", {"text": "Une convention", "level": "h2"}),
        ("paragraph", "<p>La ville <b>ouvre</b> ses chantiers.</p>"),
        ("key_figures", {"figures": [{"figure": "64", "label": "unités de recherche"}]}),
    ]
    story.save_revision().publish()
    body = client.get(f"/api/v2/pages/{story.pk}/").json()["body"]
    assert [block["type"] for block in body] == ["heading", "paragraph", "key_figures"]
    assert body[0]["value"] == {"text": "Une convention", "level": "h2"}
    assert body[1]["value"] == "<p>La ville <b>ouvre</b> ses chantiers.</p>"
    assert body[2]["value"]["figures"][0] == {"figure": "64", "label": "unités de recherche"}


@pytest.mark.django_db
def test_stories_filter_by_tag(newsroom, client):
    data = api(client, type="news.NewsPage", tags="international")
    assert [item["title"] for item in data["items"]] == [newsroom["week"].title]
    assert api(client, type="news.NewsPage", tags="Lille,partenariat")["meta"]["total_count"] == 1
    assert api(client, type="news.NewsPage", tags="inconnu")["meta"]["total_count"] == 0


@pytest.mark.django_db
def test_episodes_carry_video_captions_transcript_and_people(newsroom, client):
    data = api(client, type="news.VideoEpisodePage")
    assert data["meta"]["total_count"] == 1
    episode = data["items"][0]
    source = newsroom["episode"]
    assert episode["theme"] == "La vocation"
    assert [(p["name"], p["role"]) for p in episode["people"]] == [
        ("Camille Lefebvre", "diplômée du master de chimie"),
        ("Jean Delattre", "enseignant à la faculté des sciences"),
    ]
    assert episode["video"]["id"] == source.video.pk
    assert episode["video"]["meta"]["download_url"].endswith("/episode.webm")
    assert episode["captions"]["meta"]["download_url"].endswith("/episode.vtt")
    assert episode["poster_image"]["url"].endswith(".fill-1280x640.jpg")
    assert episode["duration"] == "00:12:30"
    assert episode["recording_date"] == "2026-09-01"
    assert episode["transcript"] == "<p>Camille : Vous vous souvenez de notre premier TP ?</p>"


@pytest.mark.django_db
def test_index_and_series_are_listed_by_type(newsroom, client):
    index = api(client, type="news.NewsIndexPage")["items"][0]
    assert index["introduction"] == "La vie de l’université."
    series = api(client, type="news.VideoSeriesPage")["items"][0]
    assert series["introduction"].startswith("Un diplômé")


@pytest.mark.django_db
def test_rich_text_links_reach_clients_as_html(newsroom, client):
    story = newsroom["lille"]
    week = newsroom["week"]
    story.body = [
        ("paragraph", f'<p>Lire aussi <a linktype="page" id="{week.pk}">la semaine</a>.</p>'),
    ]
    story.save_revision().publish()
    body = client.get(f"/api/v2/pages/{story.pk}/").json()["body"]
    assert body[0]["value"] == f'<p>Lire aussi <a href="{week.url}">la semaine</a>.</p>'


@pytest.mark.django_db
def test_video_blocks_give_playable_addresses(newsroom, client):
    story = newsroom["lille"]
    episode = newsroom["episode"]
    story.body = [
        (
            "video",
            {
                "video": episode.video,
                "captions": episode.captions,
                "captions_language": "fr",
                "poster": None,
                "title": "La signature",
                "transcript": "<p>Bienvenue.</p>",
            },
        )
    ]
    story.save_revision().publish()
    value = client.get(f"/api/v2/pages/{story.pk}/").json()["body"][0]["value"]
    assert value["video"]["url"] == f"http://testserver{episode.video.url}"
    assert value["video"]["file_extension"] == "webm"
    assert value["captions"]["url"].endswith(".vtt")
    assert value["poster"] is None
    assert value["transcript"] == "<p>Bienvenue.</p>"
