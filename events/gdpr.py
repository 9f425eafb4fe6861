"""What the events hold about a member, for their data export (``members.gdpr``).

A member's registrations are those made with their profile, and those made as a
guest with one of their account's verified e-mail addresses (before they had an
account, or signed out).
"""

from __future__ import annotations

from django.db.models import Q

from events.models import Registration
from members.models import Profile, User


def personal_data(user: User, profile: Profile | None) -> list[dict]:
    addresses = list(user.emailaddress_set.filter(verified=True).values_list("email", flat=True))
    mine = Q(profile=profile) if profile else Q(pk__in=[])
    registrations = (
        Registration.objects.filter(mine | Q(profile__isnull=True, email__in=addresses))
        .select_related("event")
        .prefetch_related("event__questions")
        .order_by("created_at")
    )
    return [
        {
            "event": registration.event.title,
            "starts_at": registration.event.start,
            "name": registration.name,
            "email": registration.email,
            "status": registration.status,
            "answers": {
                question.label: registration.answers[str(question.pk)]
                for question in registration.event.questions.all()
                if str(question.pk) in registration.answers
            },
            "registered_at": registration.created_at,
            "confirmed_at": registration.confirmed_at,
            "cancelled_at": registration.cancelled_at,
            "checked_in_at": registration.checked_in_at,
        }
        for registration in registrations
    ]
