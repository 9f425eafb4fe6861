"""A second factor for every account that reaches the admin or full member records."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from members.privacy import FULL_RECORD_PERMISSION

ADMIN_PERMISSION = "wagtailadmin.access_admin"
# Pages an account without a second factor may still open: sign-in, sign-out, the
# account and second-factor pages themselves.
OPEN_URL_NAME_PREFIXES = ("account_", "mfa_", "usersessions_")


def needs_second_factor(user) -> bool:
    return user.is_authenticated and (
        user.has_perm(ADMIN_PERMISSION) or user.has_perm(FULL_RECORD_PERMISSION)
    )


class StaffSecondFactorMiddleware:
    """Sends staff without an activated authenticator to the second-factor page, where
    they add an authenticator app or a security key."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if needs_second_factor(user) and not self._is_open(request) and not is_mfa_enabled(user):
            return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return (match.url_name or "").startswith(OPEN_URL_NAME_PREFIXES)
