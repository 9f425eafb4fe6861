"""How django-allauth's accounts fit Cercle.

allauth names the site in every account e-mail ("Hello from …", "Thank you for
using …") with ``get_current_site()``; without ``django.contrib.sites`` that is the
request's host ("127.0.0.1:8801"). The site's name is the institution's, which its
staff set in *Settings → Institution*: every account e-mail is rendered with it.

A member confirms their e-mail address and is signed in; until they have a profile
they have nothing to show in the community, so signing in leads them to create it
(an explicit ``next`` address still wins).
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from home.mail import recipient_language
from home.models import InstitutionSettings
from members.services import profile_of


@dataclass(frozen=True)
class InstitutionSite:
    """What allauth's templates read of ``current_site``."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        request = context.get("request") or allauth_context.request
        site = InstitutionSite(
            name=InstitutionSettings.load(request_or_site=request).name,
            domain=get_current_site(request).domain,
        )
        return super().render_mail(
            template_prefix, email, {**context, "current_site": site}, headers=headers
        )

    def save_user(self, request, user, form, commit=True):
        """A new account's e-mails are in the language its owner signed up in."""
        user.language = recipient_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request) -> str:
        if profile_of(request.user) is None:
            return reverse("members:edit")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request) -> str:
        if profile_of(request.user) is None:
            return reverse("members:edit")
        return super().get_signup_redirect_url(request)
