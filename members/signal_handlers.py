"""What the members app does when something happens elsewhere: keep the search in step,
and purge the cached pages that show members.

``connect()`` is called once, from ``MembersConfig.ready()``; the search's handlers
live with the members' search source (``members.search``). Every page that shows a
profile reads it through ``members.privacy``, which tags it ``profiles``: any change
to what a profile shows, or to who may see it, purges them all.
"""

from django.db.models.signals import post_save, pre_delete

from config import pagecache
from members.models import (
    DirectorySettings,
    Education,
    Experience,
    Organisation,
    OrganisationContact,
    Profile,
    ProfileExpertise,
    User,
)
from members.privacy import ORGANISATIONS, PROFILES
from members.search import SOURCE, account_deleted, account_saved, archive_listing_changed
from search import sources


def connect() -> None:
    sources.register(SOURCE)
    post_save.connect(
        archive_listing_changed, sender=DirectorySettings, dispatch_uid="search:archive"
    )
    post_save.connect(account_saved, sender=User, dispatch_uid="search:account")
    pre_delete.connect(account_deleted, sender=User, dispatch_uid="search:account")
    for model in (Profile, Education, Experience, ProfileExpertise, User):
        pagecache.watch(model, lambda instance: [PROFILES])
    pagecache.watch(DirectorySettings, lambda settings: [PROFILES], creation=False)
    # An organisation's page lists its people; a profile's career names the organisation.
    for model in (Organisation, OrganisationContact):
        pagecache.watch(model, lambda instance: [ORGANISATIONS, PROFILES])
