"""The events' pages: the index that lists them and the event page itself."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from config import pagecache
from config.collation import collate_sorted, collated
from events import structured_data
from events.models.filters import EventFilters, filter_events
from events.page_forms import EventPageForm
from home.blocks import BaseStreamBlock

EVENTS_PER_PAGE = 12
# The most seats an event may offer: a stadium, not a number past the database's.
MAX_CAPACITY = 100_000


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone, visitors included")
    MEMBERS = "members", _("Members of the community")
    CLUB_MEMBERS = "club_members", _("Members of the organising club")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("events index")

    def events(self):
        """Live, public events of this index, with what a card needs."""
        return (
            EventPage.objects.live()
            .public()
            .child_of(self)
            .select_related("organiser_club")
            .prefetch_related("tags")
            .with_seats_taken()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Tagged before the count and the filters read the events (see shown_events).
        pagecache.depends_on(pagecache.of_kind(EventPage))
        filters = EventFilters.from_query(request.GET)
        events = filter_events(self.events(), filters)
        paginator = Paginator(events, EVENTS_PER_PAGE)
        try:
            events_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            events_page = paginator.page(1)
        except EmptyPage:
            events_page = paginator.page(paginator.num_pages)
        params = request.GET.copy()
        params.pop("page", None)
        events_page.object_list = shown_events(events_page.object_list)
        context.update(
            events=events_page,
            filters=filters,
            querystring=params.urlencode(),
            themes=EventPageTag.objects.filter(content_object__in=self.events())
            .values_list("tag__slug", "tag__name")
            .distinct()
            .order_by(collated("tag__name")),
            organisers=filter_events(self.events(), EventFilters(when="all")).organisers(),
        )
        return context


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPageQuerySet(PageQuerySet):
    def with_seats_taken(self):
        """Adds ``seats_taken``: the confirmed registrations, in the same query."""
        return self.annotate(
            seats_taken=Count("registrations", filter=Q(registrations__status="confirmed"))
        )

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def organisers(self) -> list[tuple[str, str]]:
        """``(value, label)`` of every organiser of these events, for a filter."""
        clubs = (
            self.exclude(organiser_club=None)
            .values_list("organiser_club__slug", "organiser_club__name")
            .distinct()
        )
        services = (
            self.filter(organiser_club=None)
            .exclude(organiser_service="")
            .values_list("organiser_service", flat=True)
            .distinct()
        )
        return collate_sorted(
            [(f"club:{slug}", name) for slug, name in clubs]
            + [(f"service:{name}", name) for name in services],
            key=lambda item: item[1],
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def shown_events(events) -> list["EventPage"]:
    """Reads ``events`` for a page that lists them: the page cache keeps the page until
    an event's page changes (a registration purges it too), and no longer than the
    first moment one of them changes by itself (``EventPage.next_change``)."""
    pagecache.depends_on(pagecache.of_kind(EventPage))
    found = list(events)
    now = timezone.now()
    pagecache.valid_until(
        min(filter(None, (event.next_change(now) for event in found)), default=None)
    )
    return found


class EventPage(Page):
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("Two or three sentences shown in lists, feeds and search results."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    start = models.DateTimeField(_("starts at"), db_index=True)
    end = models.DateTimeField(_("ends at"), db_index=True)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Publishing a cancelled event tells every registrant by e-mail."),
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=16,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    join_url = models.URLField(
        _("link to join online"),
        blank=True,
        help_text=_("Shown only to confirmed registrants."),
    )
    organiser_service = models.CharField(
        _("organising service"),
        max_length=160,
        blank=True,
        help_text=_("A university service, e.g. “International relations”."),
    )
    organiser_club = models.ForeignKey(
        "clubs.Club",
        verbose_name=_("organising club"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    audience = models.CharField(
        _("who may register"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("themes"))
    registration_enabled = models.BooleanField(
        _("registration required"),
        default=True,
        help_text=_("Untick for events open without registration."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text=_("Leave empty for unlimited seats."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    waitlist_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, new registrants wait for a seat to free up."),
    )
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    objects = EventPageManager()

    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("cancelled")],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("city"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("join_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_service"), FieldPanel("organiser_club")],
            heading=_("Organiser"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("audience"),
                FieldPanel("capacity"),
                FieldPanel("waitlist_enabled"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("questions", label=_("Registration questions")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("tags")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("organiser_service"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("audience"),
        index.FilterField("attendance_mode"),
        index.FilterField("organiser_club"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("cancelled"),
        APIField("attendance_mode"),
        APIField("venue"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("organiser_name"),
        APIField("organiser_club"),
        APIField("audience"),
        APIField("tags"),
        APIField("registration_enabled"),
        APIField("capacity"),
        APIField("seats_left"),
        APIField("registration_opens_at"),
        APIField("registration_closes_at"),
        APIField("waitlist_enabled"),
        APIField("questions"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="events_end_after_start"
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.attendance_mode != AttendanceMode.IN_PERSON and not self.join_url:
            errors["join_url"] = _("An online or hybrid event needs a link to join.")
        if self.attendance_mode != AttendanceMode.ONLINE and not self.venue:
            errors["venue"] = _("Say where the event takes place.")
        if not self.organiser_service and not self.organiser_club_id:
            errors["organiser_service"] = _("Name the organising service or choose a club.")
        if self.audience == Audience.CLUB_MEMBERS and not self.organiser_club_id:
            errors["audience"] = _("Only a club's event can be reserved to its members.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("A latitude lies between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("A longitude lies between -180 and 180.")
        closes = self.registration_closes_at
        if closes and self.end and closes > self.end:
            errors["registration_closes_at"] = _("Registration must close before the event ends.")
        opens = self.registration_opens_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.capacity is not None and self.pk:
            confirmed = self.registrations.filter(status="confirmed").count()
            if self.capacity < confirmed:
                errors["capacity"] = _(
                    "%(count)s people already hold a seat: the event cannot have fewer seats."
                ) % {"count": confirmed}
        if errors:
            raise ValidationError(errors)

    # What pages, feeds and the API show --------------------------------------

    @property
    def time_zone(self) -> str:
        return settings.TIME_ZONE

    @property
    def ends_on_its_first_day(self) -> bool:
        """Whether the event ends on the day it starts, in its own time zone."""
        zone = zoneinfo.ZoneInfo(self.time_zone)
        return timezone.localdate(self.end, zone) == timezone.localdate(self.start, zone)

    @property
    def organiser_name(self) -> str:
        return self.organiser_club.name if self.organiser_club_id else self.organiser_service

    @property
    def is_online(self) -> bool:
        return self.attendance_mode != AttendanceMode.IN_PERSON

    @property
    def has_venue(self) -> bool:
        return self.attendance_mode != AttendanceMode.ONLINE

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def confirmed_count(self) -> int:
        taken = getattr(self, "seats_taken", None)
        if taken is None:
            taken = self.registrations.filter(status="confirmed").count()
        return taken

    @property
    def seats_left(self) -> int | None:
        """Free seats (``None``: unlimited)."""
        if self.capacity is None:
            return None
        return self.seats_left_when(self.confirmed_count)

    def seats_left_when(self, taken: int) -> int | None:
        """Free seats when ``taken`` are held (``None``: unlimited)."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - taken)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    def registration_closes(self):
        return self.registration_closes_at or self.start

    def next_change(self, now=None):
        """The next moment the event's page changes by itself: registration opens or
        closes, the event starts or ends (``None`` once it is over)."""
        now = now or timezone.now()
        moments = (self.registration_opens_at, self.registration_closes_at, self.start, self.end)
        return min((moment for moment in moments if moment and moment > now), default=None)

    def get_context(self, request, *args, **kwargs):
        # What the visitor may do with the registration is the template's
        # ``{% registration_panel %}`` (``events.templatetags.event_tags``).
        context = super().get_context(request, *args, **kwargs)
        pagecache.valid_until(self.next_change())
        if self.capacity is not None:
            # The seats taken, counted once for the page, its structured data and
            # the visitor's panel (the services count again, under the event's lock).
            self.seats_taken = self.confirmed_count
        prefetch_related_objects([self], "tags")
        if self.organiser_club_id:
            pagecache.depends_on(f"club:{self.organiser_club_id}")
        context["structured_data"] = structured_data.event(self, request)
        return context

    def get_sitemap_urls(self, request=None):
        return [{**url, "changefreq": "weekly"} for url in super().get_sitemap_urls(request)]
