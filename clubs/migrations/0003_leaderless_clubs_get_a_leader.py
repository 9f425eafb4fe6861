"""Clubs left without a leader before erasure handed them over get one now.

Before ``clubs.services.hand_over_clubs`` ran on erasure, erasing a club's only
leader left an active club that nobody ran. Each such club now goes the way the
rule says: its longest-standing moderator, else its longest-standing active member,
leads it; a club with no active member left is archived. Going back changes nothing.
"""

from django.db import migrations
from django.db.models import Case, Value, When


def give_leaderless_clubs_a_leader(apps, schema_editor):
    Club = apps.get_model("clubs", "Club")
    Membership = apps.get_model("clubs", "Membership")
    led = Membership.objects.filter(status="active", role="leader").values("club_id")
    for club in Club.objects.filter(status="active").exclude(pk__in=led).order_by("pk"):
        successor = (
            Membership.objects.filter(club=club, status="active")
            .order_by(
                Case(When(role="moderator", then=Value(0)), default=Value(1)), "joined_at", "pk"
            )
            .first()
        )
        if successor is None:
            club.status = "archived"
            club.save(update_fields=["status"])
        else:
            successor.role = "leader"
            successor.save(update_fields=["role"])


class Migration(migrations.Migration):
    dependencies = [("clubs", "0002_announcements_featured_and_rules")]

    operations = [
        migrations.RunPython(give_leaderless_clubs_a_leader, migrations.RunPython.noop),
    ]
