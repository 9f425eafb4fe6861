"""What the members app does when something happens elsewhere: keep the search in step.

``connect()`` is called once, from ``MembersConfig.ready()``; the handlers
themselves live with the members' search source (``members.search``).
"""

from django.db.models.signals import post_save, pre_delete

from members.models import DirectorySettings, User
from members.search import SOURCE, account_deleted, account_saved, archive_listing_changed
from search import sources


def connect() -> None:
    sources.register(SOURCE)
    post_save.connect(
        archive_listing_changed, sender=DirectorySettings, dispatch_uid="search:archive"
    )
    post_save.connect(account_saved, sender=User, dispatch_uid="search:account")
    pre_delete.connect(account_deleted, sender=User, dispatch_uid="search:account")
