from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clubs"
    verbose_name = _("Clubs")

    def ready(self):
        from clubs import signal_handlers
        from clubs.gdpr import personal_data
        from clubs.panels import featured_clubs, my_clubs
        from clubs.search import SOURCE
        from home import sections
        from members.dashboard import register_panel
        from members.gdpr import register_export
        from search import sources

        register_panel(
            "clubs",
            _("My clubs"),
            provider=my_clubs,
            template="clubs/dashboard/my_clubs.html",
            order=20,
        )
        sections.register("clubs", featured_clubs, template="clubs/home_section.html")
        sources.register(SOURCE)
        register_export("clubs", personal_data)
        signal_handlers.connect()
