from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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


class ConformanceStatus(models.TextChoices):
    """RGAA's three conformance statuses; "not conformant" until an audit says more."""

    NOT_CONFORMANT = "not", _("not conformant")
    PARTIALLY_CONFORMANT = "partially", _("partially conformant")
    FULLY_CONFORMANT = "fully", _("fully conformant")


STATEMENT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class AccessibilityStatementPage(Page):
    """The accessibility statement RGAA 4.1 requires of a public body's site.

    Every section of the model statement is a field, so that none is forgotten: the
    status and rate, the audit (date, who, scope, pages sampled), the
    non-conformities, derogations and content outside the law's scope, the
    technologies and test environment, the contact (a form on the page, routed to
    ``contact_email``), the route of appeal and the plans. The footer of every page
    shows the status and links here.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("conformance status"),
        max_length=16,
        choices=ConformanceStatus.choices,
        default=ConformanceStatus.NOT_CONFORMANT,
        help_text=_("As the last audit found it. Without an audit, the site is not conformant."),
    )
    conformance_rate = models.DecimalField(
        _("conformance rate (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Share of the applicable RGAA criteria met; empty without an audit."),
    )
    statement_date = models.DateField(_("date of this statement"), null=True, blank=True)
    audit_date = models.DateField(_("date of the audit"), null=True, blank=True)
    audited_by = models.CharField(
        _("audit made by"),
        max_length=200,
        blank=True,
        help_text=_("The firm or the service that made the audit, or how it was made."),
    )
    audit_scope = RichTextField(
        _("scope of the audit"), blank=True, features=STATEMENT_TEXT_FEATURES
    )
    sampled_pages = RichTextField(_("pages sampled"), blank=True, features=STATEMENT_TEXT_FEATURES)
    non_conformities = RichTextField(
        _("non-conformities"), blank=True, features=STATEMENT_TEXT_FEATURES
    )
    derogations = RichTextField(
        _("derogations for disproportionate burden"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
    )
    out_of_scope = RichTextField(
        _("content outside the law's scope"), blank=True, features=STATEMENT_TEXT_FEATURES
    )
    technologies = models.CharField(
        _("technologies the site relies on"),
        max_length=300,
        default="HTML5, CSS, JavaScript, WAI-ARIA, SVG",
    )
    test_environment = RichTextField(
        _("test environment"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("Browsers, assistive technologies and tools the audit used."),
    )
    contact_email = models.EmailField(
        _("address receiving the reports"),
        blank=True,
        help_text=_("The contact form writes here; empty, to the institution's address."),
    )
    multi_year_plan_url = models.URLField(_("multi-year plan"), blank=True)
    yearly_plan_url = models.URLField(_("this year's action plan"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("conformance_rate"),
                FieldPanel("statement_date"),
            ],
            heading=_("Conformance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audit_date"),
                FieldPanel("audited_by"),
                FieldPanel("audit_scope"),
                FieldPanel("sampled_pages"),
                FieldPanel("technologies"),
                FieldPanel("test_environment"),
            ],
            heading=_("The audit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("non_conformities"),
                FieldPanel("derogations"),
                FieldPanel("out_of_scope"),
            ],
            heading=_("Content not accessible"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("multi_year_plan_url"),
                FieldPanel("yearly_plan_url"),
            ],
            heading=_("Contact and plans"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("non_conformities"),
    ]

    api_fields = [
        APIField(name)
        for name in (
            "introduction",
            "status",
            "conformance_rate",
            "statement_date",
            "audit_date",
            "audited_by",
            "audit_scope",
            "sampled_pages",
            "non_conformities",
            "derogations",
            "out_of_scope",
            "technologies",
            "test_environment",
            "multi_year_plan_url",
            "yearly_plan_url",
        )
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    template = "home/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(conformance_rate__gte=0, conformance_rate__lte=100)
                | models.Q(conformance_rate__isnull=True),
                name="home_statement_rate_is_a_percentage",
            )
        ]

    def clean(self):
        """RGAA's rule for the status: an audit dated and measured; fully conformant at
        100 %, partially from 50 %, not conformant below or without an audit."""
        super().clean()
        errors = {}
        if self.status != ConformanceStatus.NOT_CONFORMANT:
            if self.audit_date is None:
                errors["audit_date"] = _(
                    "A conformance status other than “not conformant” needs the audit’s date."
                )
            if self.conformance_rate is None:
                errors["conformance_rate"] = _(
                    "A conformance status other than “not conformant” needs the rate the audit "
                    "measured."
                )
        rate = self.conformance_rate
        if rate is not None and "conformance_rate" not in errors:
            expected = (
                ConformanceStatus.FULLY_CONFORMANT
                if rate == 100
                else ConformanceStatus.PARTIALLY_CONFORMANT
                if rate >= 50
                else ConformanceStatus.NOT_CONFORMANT
            )
            if self.status != expected:
                errors["status"] = _(
                    "With %(rate)s %% of the criteria met, RGAA calls the site “%(status)s”."
                ) % {
                    "rate": rate,
                    "status": expected.label,
                }
        if errors:
            raise ValidationError(errors)

    @property
    def reports_to(self) -> str:
        """Where the contact form's reports go."""
        return self.contact_email or InstitutionSettings.load().email


class AccessibilityReport(models.Model):
    """A visitor's report from the statement's contact form, kept until staff delete it:
    the law asks for an answer, and a report whose e-mail failed is still here."""

    statement = models.ForeignKey(
        AccessibilityStatementPage,
        verbose_name=_("accessibility statement"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), max_length=254)
    page_url = models.URLField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=8)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.name} — {self.received_at:%Y-%m-%d}"


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
            [FieldPanel("legal_notice_page")],
            heading=_("Pages linked from every page's footer"),
            help_text=_("The footer also links to the accessibility statement, with its status."),
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
