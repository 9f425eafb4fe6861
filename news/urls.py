from django.urls import path

from news.feeds import AtomNewsFeed, NewsFeed

app_name = "news"

urlpatterns = [
    path("news.xml", NewsFeed(), name="feed"),
    path("news.atom", AtomNewsFeed(), name="atom_feed"),
    path("news/<slug:tag>.xml", NewsFeed(), name="tag_feed"),
    path("news/<slug:tag>.atom", AtomNewsFeed(), name="tag_atom_feed"),
]
