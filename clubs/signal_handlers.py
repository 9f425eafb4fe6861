"""What the clubs do when a member's profile is deleted: its clubs keep a leader."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from clubs import services
from members.models import Profile


@receiver(pre_delete, sender=Profile)
def hand_over_before_erasure(sender, instance, **kwargs):
    """An erased account, or a record deleted by staff, hands its clubs over first."""
    services.hand_over_clubs(profile=instance)
