from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from home.countries import validate_country_code
from members.files import (
    GuardedFileField,
    PhotoField,
    RandomName,
    private_storage,
    validate_cv,
    validate_photo_size,
)
from members.validators import validate_links
from members.visibility import DEFAULT_VISIBILITY, SECTIONS, Visibility

from .organisations import Sector


class ProfileKind(models.TextChoices):
    STUDENT = "student", _("Student")
    ALUMNUS = "alumnus", _("Alumnus")
    STAFF = "staff", _("Staff")
    PARTNER = "partner", _("Partner contact")


class ProfileSource(models.TextChoices):
    SIGNUP = "signup", _("Sign-up")
    ARCHIVE = "archive", _("Graduate archives")


class ExpertiseDomain(TagBase):
    """A field a member knows well ("économie circulaire", "data science")."""

    class Meta:
        verbose_name = _("expertise domain")
        verbose_name_plural = _("expertise domains")
        ordering = ["name"]


class ProfileExpertise(ItemBase):
    tag = models.ForeignKey(ExpertiseDomain, on_delete=models.CASCADE, related_name="items")
    content_object = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="expertise_items"
    )

    class Meta:
        verbose_name = _("expertise of a member")
        verbose_name_plural = _("expertise of members")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="members_profileexpertise_unique"
            )
        ]


def visibility_field(label):
    return models.CharField(
        label, max_length=8, choices=Visibility.choices, default=DEFAULT_VISIBILITY
    )


class Profile(models.Model):
    """A person of the community: one per person, with or without an account.

    Records imported from the graduate archives have no account (``user`` is empty)
    until their owner claims them. Each section's visibility is chosen by the owner;
    ``members.privacy`` is the only place that reads those choices.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profile",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ProfileKind.choices, default=ProfileKind.ALUMNUS
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)

    photo = PhotoField(
        _("photo"),
        view_name="members:photo",
        upload_to=RandomName("photos"),
        storage=private_storage,
        blank=True,
        validators=[validate_photo_size],
    )
    headline = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_("One line about you, e.g. “Data engineer, mentor for master’s students”."),
    )
    biography = models.TextField(_("biography"), blank=True, max_length=5000)

    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=_("ISO 3166 code, e.g. FR."),
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

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    other_links = models.TextField(
        _("other links"),
        blank=True,
        help_text=_("One address per line."),
        validators=[validate_links],
    )

    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("e.g. French, English")
    )
    expertise = TaggableManager(
        verbose_name=_("expertise domains"),
        through=ProfileExpertise,
        blank=True,
        help_text=_("Separate domains with commas."),
    )

    open_to_opportunities = models.BooleanField(_("open to opportunities"), default=False)
    hiring = models.BooleanField(_("hiring"), default=False)
    volunteer_mentor = models.BooleanField(_("volunteer mentor"), default=False)

    cv = GuardedFileField(
        _("CV (PDF)"),
        view_name="members:cv",
        upload_to=RandomName("cv"),
        storage=private_storage,
        blank=True,
        validators=[validate_cv],
    )

    source = models.CharField(
        _("source"), max_length=16, choices=ProfileSource.choices, default=ProfileSource.SIGNUP
    )
    claimed_at = models.DateTimeField(_("claimed on"), null=True, blank=True)
    listed_publicly = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Visitors who are not signed in may find you and see your public sections."),
    )
    listed_to_members = models.BooleanField(
        _("listed in the members’ directory"),
        default=True,
        help_text=_("Untick to hide your profile from other members."),
    )

    photo_visibility = visibility_field(_("photo visibility"))
    headline_visibility = visibility_field(_("headline visibility"))
    biography_visibility = visibility_field(_("biography visibility"))
    location_visibility = visibility_field(_("place of residence visibility"))
    contact_visibility = visibility_field(_("contact details visibility"))
    links_visibility = visibility_field(_("links visibility"))
    education_visibility = visibility_field(_("education visibility"))
    experience_visibility = visibility_field(_("experience visibility"))
    expertise_visibility = visibility_field(_("expertise visibility"))
    availability_visibility = visibility_field(_("availability visibility"))
    cv_visibility = visibility_field(_("CV visibility"))

    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["last_name", "first_name", "pk"]
        permissions = [
            ("view_full_profile", _("Can read a member’s full record, private sections included"))
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="members_profile_name_idx"),
            models.Index(fields=["listed_publicly", "kind"], name="members_profile_public_idx"),
            models.Index(fields=["country", "city"], name="members_profile_place_idx"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_claimed(self) -> bool:
        return self.user_id is not None

    @property
    def student_number(self) -> str:
        """The number of the graduate archives' record ("" for a member who signed up)."""
        record = getattr(self, "graduate_record", None)
        return record.student_number if record is not None else ""

    def get_absolute_url(self):
        return reverse("members:profile", args=[self.pk])

    def visibility_of(self, section: str) -> str:
        return getattr(self, SECTIONS[section].visibility_field)


class Education(models.Model):
    """A programme followed at the university."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    programme = models.CharField(
        _("programme"), max_length=200, help_text=_("e.g. Master in Applied Economics")
    )
    degree = models.CharField(_("degree"), max_length=80, blank=True, help_text=_("e.g. Master"))
    discipline = models.CharField(_("discipline"), max_length=120, blank=True)
    faculty = models.CharField(_("faculty"), max_length=160, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("graduation year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900)],
        db_index=True,
    )

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-end_year", "-start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="members_education_end_after_start",
                violation_error_message=_("The graduation year cannot be before the start year."),
            )
        ]

    def __str__(self):
        return f"{self.programme} ({self.end_year or '…'})"

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The graduation year cannot be before the start year.")}
            )


class Experience(models.Model):
    """A position held, at an organisation of the network or elsewhere."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experience")
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experience",
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=160)
    sector = models.CharField(_("sector"), max_length=32, blank=True, choices=Sector.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a current position.")
    )

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experience")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="members_experience_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.role} — {self.employer}"

    @property
    def employer(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    def clean(self):
        super().clean()
        if not self.organisation_id and not self.organisation_name:
            raise ValidationError(
                {"organisation_name": _("Name the organisation or choose one of the network.")}
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
