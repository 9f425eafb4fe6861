"""What the clubs do when a member goes for good: the clubs they led keep a leader."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from clubs import services
from members.models import Profile, User


@receiver(pre_delete, sender=Profile)
def hand_over_before_erasure(sender, instance, **kwargs):
    """An erased account, or a record deleted by staff, hands its clubs over first."""
    services.hand_over_clubs(profile=instance)


@receiver(pre_delete, sender=User)
def hand_over_before_the_account_goes(sender, instance, **kwargs):
    """An account deleted by staff leaves an unclaimed record, which runs no club."""
    profile = Profile.objects.filter(user=instance).first()
    if profile is not None:
        services.hand_over_clubs(profile=profile)
