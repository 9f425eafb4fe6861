from django import template

from events.proposals import may_propose
from events.services import upcoming_events_for_club
from members.services import profile_of

register = template.Library()


@register.simple_tag(takes_context=True)
def club_events(context, club, limit=5):
    """``{% club_events club as events %}``: the club's next events the viewer may see."""
    request = context.get("request")
    return upcoming_events_for_club(club, getattr(request, "user", None), limit=limit)


@register.simple_tag(takes_context=True)
def may_propose_events(context, club):
    """``{% may_propose_events club as allowed %}``: whether the viewer may propose its events."""
    request = context.get("request")
    return may_propose(club=club, profile=profile_of(request.user) if request else None)
