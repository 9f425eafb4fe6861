"""The Alter Ego video series: an alumnus and a staff member who mattered to them meet again."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import (
    CAPTION_EXTENSIONS,
    VIDEO_EXTENSIONS,
    BaseStreamBlock,
    validate_document_extension,
)
from news import structured_data
from news.images import HERO_RENDITION, LISTING_RENDITION, alt_text_for, check_alt_text
from news.models.news import HeroImageMixin


class VideoSeriesPage(HeroImageMixin, Page):
    """The Alter Ego series: an alumnus and a staff member who mattered to them meet again."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")
        ),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    api_fields = [
        APIField("introduction"),
        APIField("hero_image", serializer=ImageRenditionField(HERO_RENDITION)),
        APIField("hero_alt_text"),
        APIField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.VideoEpisodePage"]

    template = "news/video_series_page.html"

    class Meta:
        verbose_name = _("video series")
        verbose_name_plural = _("video series")

    def episodes(self):
        images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
        return (
            VideoEpisodePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-date", "-pk")
            .select_related("poster_image")
            .prefetch_related(Prefetch("poster_image", queryset=images), "people")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = self.episodes()
        return context


class VideoEpisodePage(Page):
    date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    theme = models.CharField(_("theme"), max_length=160)
    summary = models.TextField(_("summary"), max_length=300)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file (MP4 or WebM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Required with a video file: viewers who cannot hear must be able to follow."),
    )
    audio_description = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("audio description (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "What the images show that nobody says, timed like captions (a text track of "
            "kind “descriptions”); the page also offers it to read, since few players "
            "voice it yet."
        ),
    )
    described_video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("version with audio description (MP4 or WebM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The same video with a voice describing what it shows, offered as a link."),
    )
    external_video_url = models.URLField(
        _("video on another platform"),
        blank=True,
        help_text=_("Optional: the same episode on a video platform, offered as a link."),
    )
    poster_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poster_image_alt = models.CharField(
        _("alternative text of the poster"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the image's own description."),
    )
    duration = models.DurationField(
        _("duration"), null=True, blank=True, help_text=_("For example 12:30 for 12 min 30 s.")
    )
    recording_date = models.DateField(_("recording date"), null=True, blank=True)
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=["bold", "italic", "h3", "ul", "link"],
        help_text=_("Everything said in the video, with who says it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("theme"),
        FieldPanel("summary"),
        InlinePanel("people", label=_("The two people"), min_num=2, max_num=2),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("captions"),
                FieldPanel("audio_description"),
                FieldPanel("described_video"),
                FieldPanel("poster_image"),
                FieldPanel("poster_image_alt"),
                FieldPanel("duration"),
                FieldPanel("recording_date"),
                FieldPanel("external_video_url"),
            ],
            heading=_("Video"),
        ),
        FieldPanel("transcript"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.RelatedFields("people", [index.SearchField("name"), index.SearchField("role")]),
    ]

    api_fields = [
        APIField("date"),
        APIField("theme"),
        APIField("summary"),
        APIField("people"),
        APIField("video"),
        APIField("captions"),
        APIField("audio_description"),
        APIField("described_video"),
        APIField("external_video_url"),
        APIField("poster_image", serializer=ImageRenditionField(HERO_RENDITION)),
        APIField("poster_alt_text"),
        APIField("duration"),
        APIField("recording_date"),
        APIField("transcript"),
    ]

    parent_page_types = ["news.VideoSeriesPage"]
    subpage_types = []

    template = "news/video_episode_page.html"

    class Meta:
        verbose_name = _("video episode")

    @property
    def duration_label(self):
        """The duration as people say it: "12 min 30 s"."""
        if self.duration is None:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"

    @property
    def poster_alt_text(self):
        return alt_text_for(self.poster_image, self.poster_image_alt)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = structured_data.video_object(self, request)
        context["site_root_url"] = structured_data.site_root_url(self, request)
        return context

    def clean(self):
        super().clean()
        errors = {}
        for name, extensions in (
            ("video", VIDEO_EXTENSIONS),
            ("captions", CAPTION_EXTENSIONS),
            ("audio_description", CAPTION_EXTENSIONS),
            ("described_video", VIDEO_EXTENSIONS),
        ):
            try:
                validate_document_extension(getattr(self, name), extensions)
            except ValidationError as error:
                errors[name] = error.messages
        if self.video and not self.captions and "captions" not in errors:
            errors["captions"] = [_("A video needs its captions (a WebVTT file).")]
        if not self.video and not self.external_video_url:
            errors["video"] = [_("Choose a video file or give the address of the video.")]
        try:
            check_alt_text(
                image=self.poster_image, alt_text=self.poster_image_alt, field="poster_image_alt"
            )
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


class AlterEgoPerson(Orderable):
    """One of the two people of an episode. A link to their member profile comes with profiles."""

    page = ParentalKey(VideoEpisodePage, related_name="people", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"),
        max_length=200,
        help_text=_("For example “graduate of the law faculty, 2004” or “lecturer in history”."),
    )

    panels = [FieldPanel("name"), FieldPanel("role")]
    api_fields = [APIField("name"), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
