"""RSS 2.0 and Atom feeds of the news, for every story or for one tag."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Site

from config import pagecache
from news.models import NewsIndexPage
from news.services import latest_stories

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, tag=None):
        self.request = request
        # The same feed for every reader; the stories it lists tag it (latest_stories).
        pagecache.serve_publicly()
        if tag is None:
            return None
        found = Tag.objects.filter(slug=tag).first()
        if found is None:
            raise Http404(_("No story has this tag."))
        return found

    def title(self, tag):
        site = Site.find_for_request(self.request)
        name = site.site_name if site and site.site_name else "Cercle"
        if tag is None:
            return _("%(site)s — news") % {"site": name}
        return _("%(site)s — news tagged “%(tag)s”") % {"site": name, "tag": tag.name}

    def link(self, tag):
        index = NewsIndexPage.objects.live().public().first()
        url = index.get_full_url(self.request) if index else "/"
        return f"{url}?tag={tag.slug}" if tag else url

    def description(self, tag):
        return _("The latest news of the university and its network.")

    def items(self, tag):
        return latest_stories(limit=FEED_LENGTH, tag=tag.slug if tag else None)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at or timezone.make_aware(datetime.combine(item.date, time()))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
