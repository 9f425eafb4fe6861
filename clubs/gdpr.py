"""What the clubs hold about a member, for their data export (``members.gdpr``)."""

from __future__ import annotations

from clubs.models import Announcement, Membership
from members.models import Profile, User


def personal_data(user: User, profile: Profile | None) -> dict[str, list[dict]]:
    """The member's memberships, requests and invitations, and the announcements they posted."""
    if profile is None:
        return {"memberships": [], "announcements": []}
    memberships = Membership.objects.filter(profile=profile).select_related("club", "invited_by")
    announcements = Announcement.objects.filter(author=profile).select_related("club")
    return {
        "memberships": [
            {
                "club": membership.club.name,
                "role": membership.role,
                "status": membership.status,
                "message": membership.message,
                "invited_by": membership.invited_by.full_name if membership.invited_by else None,
                "created_at": membership.created_at,
                "joined_at": membership.joined_at,
                "ended_at": membership.ended_at,
            }
            for membership in memberships
        ],
        "announcements": [
            {
                "club": announcement.club.name,
                "title": announcement.title,
                "body": announcement.body,
                "created_at": announcement.created_at,
            }
            for announcement in announcements
        ],
    }
