from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from home.countries import validate_country_code


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    ADMINISTRATION = "administration", _("Administration")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture and food")
    ARTS = "arts", _("Arts, culture and heritage")
    BANKING = "banking", _("Banking, finance and insurance")
    CONSTRUCTION = "construction", _("Construction and urban planning")
    CONSULTING = "consulting", _("Consulting and audit")
    DIGITAL = "digital", _("Digital and software")
    EDUCATION = "education", _("Education and research")
    ENERGY = "energy", _("Energy and environment")
    HEALTH = "health", _("Health and social care")
    INDUSTRY = "industry", _("Industry")
    LAW = "law", _("Law")
    MEDIA = "media", _("Media and communication")
    PUBLIC = "public", _("Public service")
    RETAIL = "retail", _("Retail and services")
    TRANSPORT = "transport", _("Transport and logistics")
    NONPROFIT = "nonprofit", _("Non-profit and social economy")


class OrganisationSize(models.TextChoices):
    MICRO = "1-9", _("1 to 9 people")
    SMALL = "10-49", _("10 to 49 people")
    MEDIUM = "50-249", _("50 to 249 people")
    LARGE = "250-4999", _("250 to 4,999 people")
    HUGE = "5000+", _("5,000 people or more")


class Organisation(models.Model):
    """A partner of the university: company, association, administration, local authority."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=OrganisationSize.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    contacts = models.ManyToManyField(
        "members.Profile",
        through="members.OrganisationContact",
        related_name="organisations",
        verbose_name=_("contact members"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name)
        super().save(*args, **kwargs)


def unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class OrganisationContact(models.Model):
    """A member who speaks for an organisation (its contact person on Cercle)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contact_links"
    )
    profile = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="organisation_links"
    )
    role = models.CharField(_("role"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("organisation contact")
        verbose_name_plural = _("organisation contacts")
        ordering = ["organisation", "profile__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "profile"], name="members_organisationcontact_unique"
            )
        ]

    def __str__(self):
        return f"{self.profile} — {self.organisation}"
