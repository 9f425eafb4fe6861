import pytest
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from tests.home.factories import make_site_home
from tests.news.factories import ImageFactory, NewsCategoryFactory, NewsIndexPageFactory, NewsPage

STORIES = 1000


@pytest.fixture
def thousand_stories(db, settings):
    """A thousand live stories, written straight into the tree without indexing them for search:
    the listing is what is measured, and ``add_child`` would take half a minute."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    index = NewsIndexPageFactory(parent=make_site_home())
    images = [ImageFactory(title=f"Photo {number}") for number in range(3)]
    categories = [NewsCategoryFactory() for _ in range(3)]
    with disable_reference_index_auto_update():
        for number in range(STORIES):
            story = NewsPage(
                title=f"Actualité {number}",
                slug=f"actualite-{number}",
                summary="Un partenariat de cinq ans entre la ville et l’université.",
                hero_image=images[number % 3],
                date=f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}",
                path=NewsPage._get_path(index.path, index.depth + 1, number + 1),
                depth=index.depth + 1,
                url_path=f"{index.url_path}actualite-{number}/",
            )
            story.categories = [categories[number % 3]]
            story.save(clean=False)
    Page.objects.filter(pk=index.pk).update(numchild=STORIES)
    index.refresh_from_db()
    index.featured_story = story
    index.save()
    return index


def test_news_index_first_page_needs_a_bounded_number_of_queries(
    thousand_stories, client, django_assert_max_num_queries
):
    client.get(thousand_stories.url)  # renditions are made once, on the first visit
    with django_assert_max_num_queries(20):
        response = client.get(thousand_stories.url)
    html = response.content.decode()
    assert html.count('class="story-card"') == 12
    assert html.count('class="story-card story-card--featured"') == 1
    assert "Page 1 sur 84" in html
    with django_assert_max_num_queries(20):
        assert client.get(thousand_stories.url, {"page": 84}).status_code == 200
