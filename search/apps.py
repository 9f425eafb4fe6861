from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import fts, pages, sources, sync

        sources.register(pages.source())
        sync.connect()
        checks.register(fts.check_triggers, checks.Tags.database)
        post_migrate.connect(
            fts.restore_after_migrate, sender=self, dispatch_uid="search:restore-fts"
        )
