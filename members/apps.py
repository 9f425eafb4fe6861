from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.db.models.signals import post_save, pre_delete

        from search import sources

        from .models import DirectorySettings, User
        from .search import SOURCE, account_deleted, account_saved, archive_listing_changed

        sources.register(SOURCE)
        post_save.connect(
            archive_listing_changed, sender=DirectorySettings, dispatch_uid="search:archive"
        )
        post_save.connect(account_saved, sender=User, dispatch_uid="search:account")
        pre_delete.connect(account_deleted, sender=User, dispatch_uid="search:account")
