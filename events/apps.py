from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import signal_handlers, views
        from events.gdpr import personal_data
        from events.search import SOURCE
        from home import sections
        from members.dashboard import register_panel
        from members.gdpr import register_export
        from search import sources

        sections.register("events", views.home_section, template="events/home_section.html")
        register_panel(
            "registrations",
            _("My registrations"),
            provider=views.dashboard_registrations,
            template="events/dashboard/registrations.html",
            order=30,
        )
        sources.register(SOURCE)
        signal_handlers.connect()
        register_export("event_registrations", personal_data)
