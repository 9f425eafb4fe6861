from django import template

from events.services import upcoming_events_for_club

register = template.Library()


@register.simple_tag(takes_context=True)
def club_events(context, club, limit=5):
    """``{% club_events club as events %}``: the club's next events the viewer may see."""
    request = context.get("request")
    return upcoming_events_for_club(club, getattr(request, "user", None), limit=limit)
