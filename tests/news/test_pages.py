import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home import sections
from home.models import HomePage, StandardPage
from news.blocks import NewsStreamBlock
from news.models import NewsIndexPage, NewsPage, VideoEpisodePage, VideoSeriesPage
from tests.home.factories import make_site_home
from tests.news.factories import (
    DocumentFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    VideoEpisodePageFactory,
    VideoSeriesPageFactory,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_news_index_and_series_sit_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(HomePage, VideoSeriesPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertCanNotCreateAt(StandardPage, VideoSeriesPage)

    def test_stories_only_go_under_a_news_index(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)
        self.assertCanNotCreateAt(VideoSeriesPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)

    def test_episodes_only_go_under_a_series(self):
        self.assertCanCreateAt(VideoSeriesPage, VideoEpisodePage)
        self.assertCanNotCreateAt(NewsIndexPage, VideoEpisodePage)
        self.assertCanNotCreateAt(HomePage, VideoEpisodePage)
        self.assertCanNotCreateAt(VideoEpisodePage, VideoEpisodePage)

    def test_index_pages_hold_nothing_else(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(VideoSeriesPage, {VideoEpisodePage})
        self.assertAllowedSubpageTypes(NewsPage, set())


def every_block_body(home):
    image = ImageFactory()
    return [
        ("heading", {"text": "Une convention de cinq ans", "level": "h2"}),
        ("paragraph", "<p>La ville ouvre ses chantiers aux laboratoires.</p>"),
        (
            "image",
            {
                "image": {"image": image, "alt_text": "Le beffroi", "decorative": False},
                "caption": "Le beffroi de l’hôtel de ville",
                "credit": "Ville de Lille",
            },
        ),
        ("quote", {"text": "Un terrain d’études formidable.", "attribution": "La présidente"}),
        (
            "call_to_action",
            {
                "title": "Proposez un stage",
                "text": "",
                "page": home,
                "url": "",
                "button_label": "Déposer une offre",
            },
        ),
        (
            "video",
            {
                "video": DocumentFactory.video(),
                "captions": DocumentFactory.captions(),
                "captions_language": "fr",
                "poster": image,
                "title": "La signature en vidéo",
                "transcript": "<p>La présidente : bienvenue.</p>",
            },
        ),
        (
            "related_links",
            {
                "heading": "Pour aller plus loin",
                "links": [
                    {"title": "Ville de Lille", "page": None, "url": "https://www.lille.fr/"}
                ],
            },
        ),
        ("key_figures", {"figures": [{"figure": "64", "label": "unités de recherche"}]}),
    ]


class RenderingTests(WagtailPageTestCase):
    def setUp(self):
        self.home = make_site_home()
        self.index = NewsIndexPageFactory(parent=self.home)
        self.story = NewsPageFactory(
            parent=self.index,
            title="La ville et l’université signent un partenariat",
            hero_image=ImageFactory(),
            body=every_block_body(self.home),
        )
        self.series = VideoSeriesPageFactory(parent=self.home)
        self.episode = VideoEpisodePageFactory(parent=self.series)

    def test_every_page_type_renders(self):
        for page in (self.index, self.story, self.series, self.episode):
            self.assertPageIsRenderable(page)

    def test_story_shows_every_block(self):
        html = self.client.get(self.story.url).content.decode()
        for text in (
            "Une convention de cinq ans",
            "La ville ouvre ses chantiers aux laboratoires.",
            'alt="Le beffroi"',
            "Un terrain d’études formidable.",
            "Déposer une offre",
            "La signature en vidéo",
            '<track kind="captions"',
            'href="https://www.lille.fr/"',
            "<dt>64</dt>",
        ):
            assert text in html, text

    def test_hero_image_carries_its_alternative_text(self):
        html = self.client.get(self.story.url).content.decode()
        assert 'alt="La façade de briques de l’hôtel de ville et son beffroi."' in html

    def test_episode_plays_its_video_with_captions_and_a_transcript(self):
        response = self.client.get(self.episode.url)
        html = response.content.decode()
        self.assertInHTML(
            f'<source src="{self.episode.video.url}" type="video/webm">', html, count=1
        )
        assert (
            f'<track kind="captions" src="{self.episode.captions.url}" srclang="fr" '
            'label="Français" default>' in html
        )
        assert "Camille Lefebvre" in html and "enseignant à la faculté des sciences" in html
        assert "Vous vous souvenez de notre premier TP ?" in html
        assert "12 min 30 s" in html
        assert '<script src="http' not in html and "<iframe" not in html, "no third-party player"

    def test_video_and_captions_open_in_the_browser(self):
        response = self.client.get(self.episode.captions.url)
        assert response["Content-Type"] == "text/vtt"
        assert response["Content-Disposition"].startswith("inline")
        assert b"".join(response.streaming_content if response.streaming else [response.content])

    def test_series_lists_its_episodes(self):
        html = self.client.get(self.series.url).content.decode()
        assert self.episode.title in html
        assert "Camille Lefebvre" in html


def test_every_news_block_describes_itself_and_renders_its_preview():
    for name, block in NewsStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template.startswith("streamfield/blocks/"), name
        assert block.meta.description, name
        if name != "image":  # an image preview needs an image from the library
            assert block.get_preview_value() is not None, name
            assert block.render(block.get_preview_value()).strip(), name


@pytest.mark.django_db
class TestIndex:
    @pytest.fixture
    def index(self):
        return NewsIndexPageFactory(parent=make_site_home())

    def test_filters_by_tag_and_by_category(self, index, client):
        research = NewsCategoryFactory(name="Recherche", slug="recherche")
        tagged = NewsPageFactory(parent=index, title="Semaine internationale des étudiants")
        tagged.tags.add("international")
        tagged.save()
        found = NewsPageFactory(parent=index, title="Des batteries au sodium plus durables")
        found.categories.set([research])
        found.save()

        html = client.get(index.url, {"tag": "international"}).content.decode()
        assert tagged.title in html and found.title not in html
        html = client.get(index.url, {"category": "recherche"}).content.decode()
        assert found.title in html and tagged.title not in html

    def test_paginates_and_highlights_the_featured_story(self, index, client):
        stories = [NewsPageFactory(parent=index) for _ in range(14)]
        index.featured_story = stories[-1]
        index.save()
        first = client.get(index.url).content.decode()
        assert 'class="news-featured"' in first
        assert "Page 1 sur 2" in first
        assert stories[-1].title in first.split('class="news-featured"')[1].split("</section>")[0]
        second = client.get(index.url, {"page": 2}).content.decode()
        assert 'class="news-featured"' not in second
        assert stories[-1].title in second, "the oldest stories are on the second page"
        assert client.get(index.url, {"page": "abc"}).status_code == 200

    def test_home_page_shows_the_latest_stories(self, index, client):
        NewsPageFactory(parent=index, title="La plus ancienne", hero_image=ImageFactory())
        for number in range(3):
            NewsPageFactory(
                parent=index,
                title=f"Récente {number}",
                date="2026-11-20",
                summary=f"Résumé de la récente {number}",
                hero_image=ImageFactory(description=f"Photo de la récente {number}"),
            )
        html = client.get("/").content.decode()
        assert "Résumé de la récente 1" in html
        assert 'alt="Photo de la récente 2"' in html
        assert "Récente 0" in html and "Récente 2" in html
        assert "La plus ancienne" not in html
        assert "20 novembre 2026" in html
        assert sections.SECTIONS["news"].template == "news/home_section.html"


@pytest.mark.django_db
class TestAlternativeText:
    def test_a_story_whose_image_has_no_description_is_refused(self):
        page = NewsPageFactory.build(hero_image=ImageFactory(description=""))
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "hero_image_alt" in error.value.message_dict

    def test_the_page_may_give_its_own_alternative_text(self):
        page = NewsPageFactory.build(
            hero_image=ImageFactory(description=""), hero_image_alt="Le beffroi de Lille"
        )
        page.clean()
        assert page.hero_alt_text == "Le beffroi de Lille"

    def test_the_image_description_is_the_default(self):
        page = NewsPageFactory.build(hero_image=ImageFactory())
        page.clean()
        assert page.hero_alt_text.startswith("La façade de briques")

    def test_an_episode_poster_without_alternative_text_is_refused(self):
        page = VideoEpisodePageFactory.build(poster_image=ImageFactory(description=" "))
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "poster_image_alt" in error.value.message_dict


@pytest.mark.django_db
class TestEpisodeVideo:
    def test_a_video_needs_captions(self):
        page = VideoEpisodePageFactory.build(captions=None)
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "captions" in error.value.message_dict

    def test_files_a_browser_cannot_play_are_refused(self):
        page = VideoEpisodePageFactory.build(
            video=DocumentFactory(file=ContentFile(b"%PDF-1.4", name="episode.pdf")),
            captions=DocumentFactory(
                file=ContentFile(b"1\n00:00:00,000 --> 1", name="episode.srt")
            ),
        )
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert set(error.value.message_dict) >= {"video", "captions"}

    def test_an_external_video_alone_is_accepted(self):
        page = VideoEpisodePageFactory.build(
            video=None, captions=None, external_video_url="https://video.example.org/alter-ego"
        )
        page.clean()


@pytest.mark.django_db
def test_a_story_links_only_the_related_pages_a_visitor_may_open(client):
    index = NewsIndexPageFactory(parent=make_site_home())
    story = NewsPageFactory(parent=index, title="Le campus s’agrandit")
    shown = NewsPageFactory(parent=index, title="Le nouveau laboratoire")
    draft = NewsPageFactory(parent=index, title="Un projet encore secret", live=False)
    for related in (shown, draft):
        story.related_pages.add(story.related_pages.model(related_page=related))
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert "Le nouveau laboratoire" in html and "Un projet encore secret" not in html
    draft.save_revision().publish()
    assert "Un projet encore secret" in client.get(story.url).content.decode()
