"""News stories: the index, the stories, their categories, tags, authors and related pages."""

import re

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from config import pagecache
from news import structured_data
from news.blocks import NewsStreamBlock
from news.images import HERO_RENDITION, LISTING_RENDITION, alt_text_for, check_alt_text

# A tag's slug as taggit makes it: letters of any alphabet ("énergie"), digits, - and _.
TAG_SLUG = r"[-\w]+"

NEWS_PER_PAGE = 12


class NewsCategory(models.Model):
    """An editorial category (research, international, campus life…), managed as a snippet."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = NewsCategory
        fields = ["name", "slug"]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class HeroImageMixin(models.Model):
    """A page illustrated by an image that must come with an alternative text."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty to use the "
            "image's own description."
        ),
    )

    class Meta:
        abstract = True

    @property
    def hero_alt_text(self):
        return alt_text_for(self.hero_image, self.hero_image_alt)

    def clean(self):
        super().clean()
        check_alt_text(image=self.hero_image, alt_text=self.hero_image_alt, field="hero_image_alt")


class NewsIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)
    featured_story = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("featured story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first, larger, on the news page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("featured_story"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    api_fields = [APIField("introduction"), APIField("featured_story")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def stories(self):
        """Live, public stories of this index, newest first, with what a card needs."""
        images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-date", "-pk")
            .select_related("hero_image")
            .prefetch_related(Prefetch("hero_image", queryset=images), "categories")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The featured story and the categories, beside the stories under this index.
        pagecache.depends_on(pagecache.of_kind(NewsPage))
        stories = self.stories()
        tag = None
        if tag_slug := request.GET.get("tag", "").strip():
            tag = (
                Tag.objects.filter(slug=tag_slug).first()
                if re.fullmatch(TAG_SLUG, tag_slug)
                else None
            )
            if tag is None:
                raise Http404(_("No story has this tag."))
            stories = stories.filter(tags=tag)
        category = NewsCategory.objects.filter(slug=request.GET.get("category", "")).first()
        if category:
            stories = stories.filter(categories=category)
        paginator = Paginator(stories, NEWS_PER_PAGE)
        try:
            stories_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            stories_page = paginator.page(1)
        except EmptyPage:
            stories_page = paginator.page(paginator.num_pages)
        featured = None
        if not tag and not category and stories_page.number == 1 and self.featured_story_id:
            featured = self.stories().filter(pk=self.featured_story_id).first()
        context.update(
            stories=stories_page,
            featured=featured,
            tag=tag,
            category=category,
            categories=NewsCategory.objects.all(),
        )
        return context


class NewsPage(HeroImageMixin, Page):
    date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("Two or three sentences shown in lists, feeds and search results."),
    )
    hero_caption = models.CharField(_("caption"), max_length=250, blank=True)
    body = StreamField(NewsStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="stories"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt"), FieldPanel("hero_caption")],
            heading=_("Image"),
        ),
        FieldPanel("body"),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("tags"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("hero_image", serializer=ImageRenditionField(HERO_RENDITION)),
        APIField(
            "hero_image_thumbnail",
            serializer=ImageRenditionField(LISTING_RENDITION, source="hero_image"),
        ),
        APIField("hero_alt_text"),
        APIField("hero_caption"),
        APIField("body"),
        APIField("tags"),
        APIField("categories", serializer=NewsCategorySerializer(many=True)),
        APIField("authors"),
        APIField("related_pages"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    template = "news/news_page.html"

    class Meta:
        verbose_name = _("news story")
        verbose_name_plural = _("news stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_pages"] = self.shown_related_pages()
        context["structured_data"] = structured_data.news_article(self, request)
        context["site_root_url"] = structured_data.site_root_url(self, request)
        return context

    def get_sitemap_urls(self, request=None):
        return [{**url, "changefreq": "monthly"} for url in super().get_sitemap_urls(request)]

    def shown_related_pages(self) -> list[Page]:
        """The related pages a visitor may open, in the editor's order. The page cache
        keeps the story until one of them is published, unpublished or changed."""
        items = list(self.related_pages.select_related("related_page"))
        ids = [item.related_page_id for item in items]
        pagecache.depends_on(*(f"page:{pk}" for pk in ids))
        shown = set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
        return [item.related_page for item in items if item.related_page_id in shown]


class NewsPageAuthor(Orderable):
    page = ParentalKey(NewsPage, related_name="authors", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]
    api_fields = [APIField("name"), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")


class NewsPageRelatedPage(Orderable):
    """A page to read next. Members, clubs and events will be offered once they are pages."""

    page = ParentalKey(NewsPage, related_name="related_pages", on_delete=models.CASCADE)
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related_page")]
    api_fields = [APIField("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
