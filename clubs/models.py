"""Clubs and their memberships.

Who may do what is ``clubs.policies``; the writes (joining, leaving, approving,
changing roles) are ``clubs.services``. This module only describes the records and
how to read them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from home.countries import country_name, validate_country_code

# The page cache's tag (config.pagecache) of every page listing clubs; a club's own
# page is tagged "club:<pk>".
CLUBS = "clubs"


class ClubKind(models.TextChoices):
    GEOGRAPHIC = "geographic", _("Geographic")
    TRADE = "trade", _("Trade")
    THEMATIC = "thematic", _("Thematic")
    DISCIPLINARY = "disciplinary", _("Disciplinary")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open to every member")
    APPROVAL = "approval", _("On approval by its leaders")
    INVITATION = "invitation", _("By invitation only")


class ClubVisibility(models.TextChoices):
    PUBLIC = "public", _("Public page")
    MEMBERS = "members", _("Members of the community only")


class ClubStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class MembershipRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Request pending")
    ACTIVE = "active", _("Active")
    LEFT = "left", _("Left")
    REJECTED = "rejected", _("Rejected")
    INVITED = "invited", _("Invited")


MANAGING_ROLES = (MembershipRole.LEADER, MembershipRole.MODERATOR)


class ClubTheme(TagBase):
    class Meta:
        verbose_name = _("club theme")
        verbose_name_plural = _("club themes")


class TaggedClub(ItemBase):
    tag = models.ForeignKey(ClubTheme, on_delete=models.CASCADE, related_name="items")
    content_object = models.ForeignKey("clubs.Club", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="clubs_tagged_once")
        ]


class ClubQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ClubStatus.ACTIVE)

    def visible_to(self, user):
        """Active clubs this user may see: public ones, and members-only ones once signed in."""
        clubs = self.active()
        if user is None or not user.is_authenticated:
            clubs = clubs.filter(visibility=ClubVisibility.PUBLIC)
        return clubs


class Club(models.Model):
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ClubKind.choices)
    summary = models.CharField(_("summary"), max_length=280, blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = TaggableManager(
        through=TaggedClub, verbose_name=_("themes"), blank=True, related_name="clubs"
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=_("ISO 3166 code, e.g. FR."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    join_policy = models.CharField(
        _("join policy"), max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=ClubVisibility.choices,
        default=ClubVisibility.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ClubStatus.choices, default=ClubStatus.PROPOSED
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    proposed_by = models.ForeignKey(
        "members.Profile",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_clubs",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    objects = ClubQuerySet.as_manager()

    class Meta:
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "kind"], name="clubs_club_status_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ClubKind.values), name="clubs_club_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClubStatus.values), name="clubs_club_status_known"
            ),
            models.CheckConstraint(
                condition=Q(join_policy__in=JoinPolicy.values), name="clubs_club_policy_known"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=ClubVisibility.values),
                name="clubs_club_visibility_known",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClubKind.GEOGRAPHIC)
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False) & ~Q(city="")),
                name="clubs_geographic_club_is_located",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="clubs_club_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="clubs_club_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clubs:detail", args=[self.slug])

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def is_public(self) -> bool:
        return self.status == ClubStatus.ACTIVE and self.visibility == ClubVisibility.PUBLIC

    def is_managed_by(self, profile) -> bool:
        """Whether this profile leads or moderates the club."""
        if profile is None:
            return False
        return self.memberships.filter(
            profile=profile, status=MembershipStatus.ACTIVE, role__in=MANAGING_ROLES
        ).exists()

    def has_member(self, profile) -> bool:
        if profile is None:
            return False
        return self.memberships.filter(profile=profile, status=MembershipStatus.ACTIVE).exists()


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def leaders(self):
        return self.active().filter(role=MembershipRole.LEADER)

    def managers(self):
        """Leaders and moderators: they answer requests and run the club's space."""
        return self.active().filter(role__in=MANAGING_ROLES)


class Membership(models.Model):
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="memberships"
    )
    profile = models.ForeignKey(
        "members.Profile",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="club_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(_("status"), max_length=16, choices=MembershipStatus.choices)
    message = models.TextField(_("message"), blank=True, max_length=1000)
    invited_by = models.ForeignKey(
        "members.Profile",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined on"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("club membership")
        verbose_name_plural = _("club memberships")
        ordering = ["club", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "profile"], name="clubs_one_membership_per_member"
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values),
                name="clubs_membership_role_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values),
                name="clubs_membership_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status=MembershipStatus.ACTIVE) | Q(joined_at__isnull=False),
                name="clubs_active_membership_has_joined_at",
            ),
            models.CheckConstraint(
                condition=Q(role=MembershipRole.MEMBER) | Q(status=MembershipStatus.ACTIVE),
                name="clubs_only_active_members_lead",
            ),
        ]
        indexes = [
            models.Index(fields=["club", "status", "role"], name="clubs_membership_club_idx"),
            models.Index(fields=["profile", "status"], name="clubs_membership_profile_idx"),
        ]

    def __str__(self):
        return f"{self.profile} — {self.club}"

    def clean(self):
        if self.role != MembershipRole.MEMBER and self.status != MembershipStatus.ACTIVE:
            raise ValidationError(
                {"role": _("Only an active member can lead or moderate the club.")}
            )
        if self.status == MembershipStatus.ACTIVE and self.joined_at is None:
            self.joined_at = timezone.now()


class Announcement(models.Model):
    """A piece of news a club's leaders post on its page."""

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="announcements"
    )
    author = models.ForeignKey(
        "members.Profile",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("text"), max_length=4000)
    created_at = models.DateTimeField(_("posted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("club announcement")
        verbose_name_plural = _("club announcements")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["club", "-created_at"], name="clubs_announcement_club_idx")]

    def __str__(self):
        return self.title
