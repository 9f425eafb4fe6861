"""An editor creates, previews, schedules and publishes stories and episodes in the admin."""

import datetime as dt

from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsIndexPage, NewsPage, VideoEpisodePage, VideoSeriesPage
from tests.home.factories import make_site_home
from tests.news.factories import (
    DocumentFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    VideoSeriesPageFactory,
)


def story_form(**overrides):
    data = {
        "title": "Semaine internationale des étudiants",
        "slug": "semaine-internationale",
        "date": "2026-11-20",
        "summary": "Trois mille étudiants venus de 110 pays accueillis sur les campus.",
        "hero_image": "",
        "hero_image_alt": "",
        "hero_caption": "",
        "body": streamfield(
            [
                ("heading", {"text": "Une semaine d’accueil", "level": "h2"}),
                ("paragraph", rich_text("<p>Visites, forum et dîner du monde.</p>")),
            ]
        ),
        "authors": inline_formset([{"name": "Ana Costa", "role": "relations internationales"}]),
        "related_pages": inline_formset([]),
        "tags": "international, accueil",
    }
    categories = overrides.pop("categories", [])
    data.update(overrides)
    return {**nested_form_data(data), "categories": categories}


def episode_form(video, captions, poster, **overrides):
    data = {
        "title": "Camille et Jean",
        "slug": "camille-et-jean",
        "date": "2026-11-20",
        "theme": "La vocation",
        "summary": "Camille retrouve l’enseignant qui lui a donné le goût de la chimie.",
        "people": inline_formset(
            [
                {"name": "Camille Lefebvre", "role": "diplômée du master de chimie"},
                {"name": "Jean Delattre", "role": "enseignant à la faculté des sciences"},
            ],
            min=2,
            max=2,
        ),
        "video": video.pk,
        "captions": captions.pk,
        "poster_image": poster.pk,
        "poster_image_alt": "",
        "duration": "12:30",
        "recording_date": "2026-09-01",
        "external_video_url": "",
        "transcript": rich_text("<p>Camille : Vous vous souvenez de notre premier TP ?</p>"),
    }
    data.update(overrides)
    return nested_form_data(data)


class EditorialWorkflowTests(WagtailPageTestCase):
    def setUp(self):
        self.home = make_site_home()
        self.index = NewsIndexPageFactory(parent=self.home)
        self.series = VideoSeriesPageFactory(parent=self.home)
        self.user = self.login()

    def add_url(self, model, parent):
        return reverse(
            "wagtailadmin_pages:add",
            args=(model._meta.app_label, model._meta.model_name, parent.pk),
        )

    def test_admin_forms_open_for_every_page_type_and_the_categories(self):
        for model, parent in (
            (NewsIndexPage, self.home),
            (NewsPage, self.index),
            (VideoSeriesPage, self.home),
            (VideoEpisodePage, self.series),
        ):
            assert self.client.get(self.add_url(model, parent)).status_code == 200, model
        NewsCategoryFactory(name="Recherche", slug="recherche")
        listing = self.client.get(reverse("wagtailsnippets_news_newscategory:list"))
        assert "Recherche" in listing.content.decode()

    def test_block_chooser_previews_every_news_block(self):
        blocks = NewsPage._meta.get_field("body").stream_block.child_blocks
        previewable = {name for name, block in blocks.items() if block.is_previewable}
        assert previewable >= {"video", "related_links", "key_figures", "quote", "paragraph"}
        for name in previewable:
            block = blocks[name]
            response = self.client.get(
                reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
            )
            assert response.status_code == 200, name
        key_figures = self.client.get(
            reverse("wagtailadmin_block_preview"), {"id": blocks["key_figures"].definition_prefix}
        )
        assert "étudiants internationaux accueillis" in key_figures.content.decode()

    def test_editor_previews_then_publishes_a_story(self):
        category = NewsCategoryFactory(name="International", slug="international")
        data = story_form(categories=[category.pk])
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("news", "newspage", self.index.pk)
        )
        response = self.client.post(preview_url, data)
        assert response.json()["is_valid"] is True
        preview = self.client.get(preview_url).content.decode()
        assert "Une semaine d’accueil" in preview
        assert not NewsPage.objects.exists(), "a preview saves nothing"

        response = self.client.post(
            self.add_url(NewsPage, self.index), {**data, "action-publish": "1"}
        )
        assert response.status_code == 302
        story = NewsPage.objects.get()
        assert story.live
        assert sorted(tag.name for tag in story.tags.all()) == ["accueil", "international"]
        assert list(story.categories.all()) == [category]
        assert [author.name for author in story.authors.all()] == ["Ana Costa"]
        assert self.client.get(story.url).status_code == 200

    def test_a_saved_story_is_previewable(self):
        self.client.post(self.add_url(NewsPage, self.index), story_form())
        story = NewsPage.objects.get()
        assert not story.live, "saving keeps a draft"
        self.assertPageIsPreviewable(story, post_data=story_form())

    def test_admin_refuses_an_image_without_alternative_text(self):
        image = ImageFactory(description="")
        response = self.client.post(
            self.add_url(NewsPage, self.index),
            {**story_form(hero_image=image.pk), "action-publish": "1"},
        )
        assert response.status_code == 200
        assert not NewsPage.objects.exists()
        assert "Décrivez cette image" in response.content.decode()

        self.client.post(
            self.add_url(NewsPage, self.index),
            {
                **story_form(hero_image=image.pk, hero_image_alt="Des étudiants"),
                "action-publish": "1",
            },
        )
        assert NewsPage.objects.get().hero_alt_text == "Des étudiants"

    def test_editor_schedules_a_story_that_appears_at_its_time(self):
        with freeze_time("2026-11-20 10:00:00+01:00"):
            response = self.client.post(
                self.add_url(NewsPage, self.index),
                {**story_form(go_live_at="2026-12-01 09:00"), "action-publish": "1"},
            )
            assert response.status_code == 302
            story = NewsPage.objects.get()
            assert not story.live
            assert story.get_latest_revision().approved_go_live_at is not None
            self.client.logout()
            assert self.client.get("/news/semaine-internationale/").status_code == 404
            assert "Semaine internationale" not in self.client.get("/news/").content.decode()
            assert (
                "Semaine internationale" not in self.client.get("/feeds/news.xml").content.decode()
            )
            api = self.client.get("/api/v2/pages/", {"type": "news.NewsPage"}).json()
            assert api["meta"]["total_count"] == 0
            assert "semaine-internationale" not in self.client.get("/sitemap.xml").content.decode()
            call_command("publish_scheduled")
            story.refresh_from_db()
            assert not story.live, "not before its time"

        with freeze_time("2026-12-01 09:05:00+01:00"):
            call_command("publish_scheduled")
            story.refresh_from_db()
            assert story.live
            assert self.client.get("/news/semaine-internationale/").status_code == 200
            assert "Semaine internationale" in self.client.get("/feeds/news.xml").content.decode()
            assert "semaine-internationale" in self.client.get("/sitemap.xml").content.decode()
            api = self.client.get("/api/v2/pages/", {"type": "news.NewsPage"}).json()
            assert api["meta"]["total_count"] == 1

    def test_editor_previews_and_publishes_an_episode(self):
        video = DocumentFactory.video()
        captions = DocumentFactory.captions()
        poster = ImageFactory()
        data = episode_form(video, captions, poster)
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=("news", "videoepisodepage", self.series.pk),
        )
        assert self.client.post(preview_url, data).json()["is_valid"] is True
        assert '<track kind="captions"' in self.client.get(preview_url).content.decode()

        response = self.client.post(
            self.add_url(VideoEpisodePage, self.series), {**data, "action-publish": "1"}
        )
        assert response.status_code == 302
        episode = VideoEpisodePage.objects.get()
        assert episode.live
        assert episode.duration == dt.timedelta(minutes=12, seconds=30)
        assert [person.name for person in episode.people.all()] == [
            "Camille Lefebvre",
            "Jean Delattre",
        ]
        self.assertPageIsPreviewable(episode, post_data=data)

    def test_editor_schedules_an_episode(self):
        data = episode_form(DocumentFactory.video(), DocumentFactory.captions(), ImageFactory())
        with freeze_time("2026-11-20 10:00:00+01:00"):
            self.client.post(
                self.add_url(VideoEpisodePage, self.series),
                {**data, "go_live_at": "2026-11-27 18:00", "action-publish": "1"},
            )
            episode = VideoEpisodePage.objects.get()
            assert not episode.live
            self.client.logout()
            assert "Camille et Jean" not in self.client.get(self.series.url).content.decode()
        with freeze_time("2026-11-27 18:01:00+01:00"):
            call_command("publish_scheduled")
            assert "Camille et Jean" in self.client.get(self.series.url).content.decode()

    def test_an_episode_without_captions_is_refused(self):
        data = episode_form(DocumentFactory.video(), DocumentFactory.captions(), ImageFactory())
        data["captions"] = ""
        response = self.client.post(
            self.add_url(VideoEpisodePage, self.series), {**data, "action-publish": "1"}
        )
        assert response.status_code == 200
        assert not VideoEpisodePage.objects.exists()

    def test_an_audio_description_is_a_webvtt_track_and_a_described_version_a_video(self):
        data = episode_form(DocumentFactory.video(), DocumentFactory.captions(), ImageFactory())
        data["audio_description"] = DocumentFactory.video().pk
        data["described_video"] = DocumentFactory.captions().pk
        response = self.client.post(
            self.add_url(VideoEpisodePage, self.series), {**data, "action-publish": "1"}
        )
        assert response.status_code == 200
        assert not VideoEpisodePage.objects.exists()
        data["audio_description"] = DocumentFactory.captions().pk
        data["described_video"] = DocumentFactory.video().pk
        self.client.post(
            self.add_url(VideoEpisodePage, self.series), {**data, "action-publish": "1"}
        )
        episode = VideoEpisodePage.objects.get()
        html = self.client.get(episode.url).content.decode()
        assert (
            f'<track kind="descriptions" src="{episode.audio_description.url}" srclang="fr"' in html
        )
        assert f'<a href="{episode.described_video.url}">' in html

    def test_revisions_keep_earlier_versions(self):
        self.client.post(
            self.add_url(NewsPage, self.index), {**story_form(), "action-publish": "1"}
        )
        story = NewsPage.objects.get()
        edit_url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
        self.client.post(
            edit_url,
            {**story_form(title="Semaine internationale : le bilan"), "action-publish": "1"},
        )
        story.refresh_from_db()
        assert story.title == "Semaine internationale : le bilan"
        assert story.revisions.count() == 2
        first = story.revisions.order_by("created_at").first().as_object()
        assert first.title == "Semaine internationale des étudiants"
