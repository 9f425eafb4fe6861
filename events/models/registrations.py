"""Registrations: the questions an event asks, each person's registration, calendar links."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

ACTIVE_STATUSES = ("pending", "confirmed", "waitlisted")


class QuestionKind(models.TextChoices):
    SHORT = "short", _("Short answer")
    LONG = "long", _("Paragraph")
    YES_NO = "yes_no", _("Yes or no")


YES_NO_ANSWERS = {"oui": _("Yes"), "non": _("No")}
"""A yes-or-no question's stored answers, and how the interface reads them."""


class RegistrationQuestion(Orderable):
    page = ParentalKey("events.EventPage", related_name="questions", on_delete=models.CASCADE)
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind of answer"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SHORT
    )
    required = models.BooleanField(_("answer required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("required"),
    ]
    api_fields = [APIField("label"), APIField("help_text"), APIField("kind"), APIField("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("queued_at", "pk")


class Registration(models.Model):
    """One person's registration to one event.

    A member registers with their profile; a visitor (a guest) with a name and an
    e-mail address they confirm through a link. The name and e-mail address are
    what the registrant gives the organisers by registering.
    """

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    profile = models.ForeignKey(
        "members.Profile",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("registered on"), default=timezone.now)
    queued_at = models.DateTimeField(
        _("in line since"), default=timezone.now, help_text=_("Orders the waiting list.")
    )
    confirmed_at = models.DateTimeField(_("seat given on"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent on"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language they registered in: a guest's e-mails are written in it."),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "profile"],
                condition=Q(status__in=ACTIVE_STATUSES, profile__isnull=False),
                name="events_one_active_registration_per_member",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=ACTIVE_STATUSES, profile__isnull=True),
                name="events_one_active_registration_per_guest",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[*ACTIVE_STATUSES, "cancelled"]),
                name="events_registration_status_known",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="events_only_confirmed_check_in",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="events_reg_queue_idx"),
        ]

    def __str__(self):
        return f"{self.name} — {self.event.title}"

    @property
    def is_guest(self) -> bool:
        return self.profile_id is None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def waitlist_position(self) -> int | None:
        """1 for the first person waiting; ``None`` when not waiting."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            event_id=self.event_id, status=RegistrationStatus.WAITLISTED
        ).filter(Q(queued_at__lt=self.queued_at) | Q(queued_at=self.queued_at, pk__lt=self.pk))
        return ahead.count() + 1

    def answer_rows(self, questions) -> list[tuple[str, str]]:
        """``(question, answer)`` for each of ``questions`` (the event's, in order)."""
        rows = []
        for question in questions:
            answer = self.answers.get(str(question.pk), "")
            if question.kind == QuestionKind.YES_NO:
                answer = str(YES_NO_ANSWERS.get(answer, answer))
            rows.append((question.label, answer))
        return rows


class CalendarToken(models.Model):
    """The secret in a member's personal calendar URL; a new one revokes the old."""

    profile = models.OneToOneField(
        "members.Profile",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="event_calendar_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created on"), auto_now=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self):
        return str(self.profile)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
