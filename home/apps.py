from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        # SQLite learns the French collation that config.collation.collated names.
        import config.collation  # noqa: F401
        from config.spreadsheets import protect_admin_exports
        from home import signal_handlers

        protect_admin_exports()
        signal_handlers.connect()
