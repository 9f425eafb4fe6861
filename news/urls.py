from django.urls import converters, path, register_converter

from news.feeds import AtomNewsFeed, NewsFeed
from news.models.news import TAG_SLUG


class TagSlugConverter(converters.SlugConverter):
    regex = TAG_SLUG


register_converter(TagSlugConverter, "tag")

app_name = "news"

urlpatterns = [
    path("news.xml", NewsFeed(), name="feed"),
    path("news.atom", AtomNewsFeed(), name="atom_feed"),
    path("news/<tag:tag>.xml", NewsFeed(), name="tag_feed"),
    path("news/<tag:tag>.atom", AtomNewsFeed(), name="tag_atom_feed"),
]
