"""News stories and the Alter Ego video series."""

from news.models.news import (
    NEWS_PER_PAGE,
    HeroImageMixin,
    NewsCategory,
    NewsCategorySerializer,
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    NewsPageRelatedPage,
    NewsPageTag,
)
from news.models.videos import AlterEgoPerson, VideoEpisodePage, VideoSeriesPage

__all__ = [
    "NEWS_PER_PAGE",
    "AlterEgoPerson",
    "HeroImageMixin",
    "NewsCategory",
    "NewsCategorySerializer",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageAuthor",
    "NewsPageRelatedPage",
    "NewsPageTag",
    "VideoEpisodePage",
    "VideoSeriesPage",
]
