"""What the clubs do when a member goes for good: the clubs they led keep a leader; and
which cached pages a change of a club, its members or its news purges.

``connect()`` is called once, from ``ClubsConfig.ready()``.
"""

from django.db.models.signals import pre_delete

from clubs.models import CLUBS, Announcement, Club, Membership, TaggedClub
from clubs.services import hand_over_clubs
from config import pagecache
from members.models import Profile, User


def hand_over_before_erasure(sender, instance, **kwargs):
    """An erased account, or a record deleted by staff, hands its clubs over first."""
    hand_over_clubs(profile=instance)


def hand_over_before_the_account_goes(sender, instance, **kwargs):
    """An account deleted by staff leaves an unclaimed record, which runs no club."""
    profile = Profile.objects.filter(user=instance).first()
    if profile is not None:
        hand_over_clubs(profile=profile)


def connect() -> None:
    pre_delete.connect(
        hand_over_before_erasure, sender=Profile, dispatch_uid="clubs_hand_over_profile"
    )
    pre_delete.connect(
        hand_over_before_the_account_goes, sender=User, dispatch_uid="clubs_hand_over_user"
    )
    pagecache.watch(Club, lambda club: [CLUBS, f"club:{club.pk}"])
    # The listings count the members; the club's page lists them.
    pagecache.watch(Membership, lambda membership: [CLUBS, f"club:{membership.club_id}"])
    pagecache.watch(TaggedClub, lambda item: [CLUBS, f"club:{item.content_object_id}"])
    pagecache.watch(Announcement, lambda announcement: [f"club:{announcement.club_id}"])
