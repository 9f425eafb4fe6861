"""The events' own pages, under ``/events/`` (the prefix is set in ``config/urls.py``)."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("feed.ics", views.feed_ics, name="feed"),
    path("calendar/<id:pk>.ics", views.event_ics, name="event_ics"),
    path("calendar/clubs/<slug:slug>.ics", views.club_feed_ics, name="club_feed"),
    path("calendar/my/<str:token>.ics", views.personal_feed_ics, name="personal_feed"),
    path("my-calendar/", views.my_calendar, name="my_calendar"),
    path("<id:pk>/register/", views.register, name="register"),
    path("<id:pk>/cancel/", views.cancel, name="cancel"),
    path("guests/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("guests/cancel/<str:token>/", views.guest_cancel, name="guest_cancel"),
    path("<id:pk>/registrations/", views.registrations, name="registrations"),
    path(
        "<id:pk>/registrations.csv",
        views.registrations_export,
        name="registrations_export",
    ),
    path("<id:pk>/check-in/", views.check_in, name="check_in"),
    path("propose/<slug:slug>/", views.propose, name="propose"),
]
