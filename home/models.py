from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from home import sections
from home.blocks import BaseStreamBlock


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("button label"), max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_title"),
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image", serializer=ImageRenditionField("fill-1600x600")),
        APIField("hero_cta_label"),
        APIField("hero_cta_page"),
        APIField("introduction"),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections.sections_for(request)
        return context


class StandardPage(Page):
    """Generic content: about, legal notice, accessibility statement."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [APIField("introduction"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class InstitutionSettings(BaseGenericSetting):
    """Who runs this Cercle: shown in the header, the footer and e-mails."""

    name = models.CharField(_("institution name"), max_length=160, default="Université")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    bluesky = models.URLField(_("Bluesky"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("logo")], heading=_("Identity")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("mastodon"),
                FieldPanel("linkedin"),
                FieldPanel("bluesky"),
                FieldPanel("youtube"),
                FieldPanel("instagram"),
            ],
            heading=_("Links"),
        ),
        MultiFieldPanel(
            [FieldPanel("legal_notice_page"), FieldPanel("accessibility_page")],
            heading=_("Pages linked from every page's footer"),
        ),
    ]

    class Meta:
        verbose_name = _("institution")

    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("Mastodon", self.mastodon),
                ("LinkedIn", self.linkedin),
                ("Bluesky", self.bluesky),
                ("YouTube", self.youtube),
                ("Instagram", self.instagram),
            )
            if url
        ]
