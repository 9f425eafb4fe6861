from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        # Imported here because the handlers import the models, ready only now.
        from members import signal_handlers

        signal_handlers.connect()
