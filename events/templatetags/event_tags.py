"""Template tags of the events: the registration panel of an event page, a club's events."""

from django import template

from events.forms import RegistrationForm
from events.policies import options_for
from events.proposals import may_propose
from events.queries import can_manage_event, upcoming_events_for_club
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


@register.simple_tag(takes_context=True)
def event_registration(context, event) -> dict:
    """``{% event_registration page as panel %}``: what the event page shows the viewer.

    ``panel.options`` are the viewer's ``RegistrationOptions``, which the page only
    reads; ``panel.form`` is the registration form when they may register (the
    register view's bound form, with its errors, when it re-renders the page).
    """
    request = context["request"]
    options = options_for(event=event, actor=request.user)
    form = None
    if options.can_register:
        form = context.get("registration_form") or RegistrationForm(
            event=event, guest=options.needs_guest_details
        )
    mine = options.mine
    return {
        "options": options,
        "registration": mine,
        "waitlist_position": mine.waitlist_position() if mine else None,
        "form": form,
        "can_manage": can_manage_event(request.user, event),
    }
