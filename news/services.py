"""What the site shows of the news outside the news pages: home page, feeds."""

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from config import pagecache
from news.images import LISTING_RENDITION
from news.models import NewsPage


def published_stories() -> PageQuerySet:
    """Every story a visitor may read, newest first."""
    return NewsPage.objects.live().public().order_by("-date", "-first_published_at", "-pk")


def latest_stories(*, limit: int, tag: str | None = None) -> list[NewsPage]:
    """The newest stories (optionally with a tag), with their listing image ready to render."""
    pagecache.depends_on(pagecache.of_kind(NewsPage))
    stories = published_stories()
    if tag:
        stories = stories.filter(tags__slug=tag)
    images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
    return list(
        stories.select_related("hero_image").prefetch_related(
            Prefetch("hero_image", queryset=images), "authors", "tags"
        )[:limit]
    )
