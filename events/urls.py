from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/feed.ics", views.feed_ics, name="feed"),
    path("events/calendar/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("events/calendar/clubs/<slug:slug>.ics", views.club_feed_ics, name="club_feed"),
    path("events/calendar/my/<str:token>.ics", views.personal_feed_ics, name="personal_feed"),
    path("events/my-calendar/", views.my_calendar, name="my_calendar"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("events/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("events/guests/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("events/guests/cancel/<str:token>/", views.guest_cancel, name="guest_cancel"),
    path("events/<int:pk>/registrations/", views.registrations, name="registrations"),
    path(
        "events/<int:pk>/registrations.csv",
        views.registrations_export,
        name="registrations_export",
    ),
    path("events/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("clubs/<slug:slug>/events/propose/", views.propose, name="propose"),
]
