"""The HTML side of "this page needs a profile": one decorator for every app's views.

An action that needs a profile refuses with ``members.errors.ProfileRequired``
(``members.services.require_profile``). A page that needs one says so with
``@profile_required``: a visitor is sent to sign in, a member without a profile to
the profile form, told why, and brought back afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from members.errors import ProfileRequired
from members.services import require_profile


def redirect_to_profile_creation(request: HttpRequest, error: ProfileRequired) -> HttpResponse:
    """Sends the member to the profile form with ``error``'s message, then back here."""
    messages.info(request, error.message)
    url = reverse("members:edit")
    if request.method == "GET" and request.get_full_path() != url:
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)


def profile_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Lets through the members who have a profile; the view reads it as ``request.profile``."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            request.profile = require_profile(request.user)
        except ProfileRequired as error:
            return redirect_to_profile_creation(request, error)
        return view(request, *args, **kwargs)

    return guarded
