"""Picking a member by name or e-mail address: the rule behind every member chooser.

A leader inviting someone to a club, staff choosing a member in the admin: people
type a name, never a member number. Suggestions and the server-side resolution of
what was typed read the same queryset, so what a chooser offers is exactly what the
form accepts:

- it starts from ``privacy.visible_profiles(viewer)``: a member hidden from the
  viewer (not listed to members, account deactivated) is neither suggested nor
  resolved;
- it keeps claimed accounts only: an unclaimed graduate-archive record cannot be
  invited, contacted or given a role, whoever the viewer is;
- it matches the name, whatever its accents ("lea" finds Léa), which whoever may find
  a profile sees, and an e-mail address
  only where the viewer may read it: the contact address when the contact section
  is visible to them; staff also the account's address.

Without JavaScript the form's text is resolved here: one match, or one member whose
full name is exactly what was typed; otherwise a translated error says what to do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from home.places import fold
from members import privacy
from members.models import Profile
from members.services import MemberError

SUGGESTION_LIMIT = 8
MIN_SUGGESTION_LENGTH = 2


def choosable_members(viewer) -> QuerySet[Profile]:
    """The members ``viewer`` may pick: those they may find, with a live account."""
    return privacy.visible_profiles(viewer).filter(user__isnull=False, user__is_active=True)


def _looks_like_email(text: str) -> bool:
    return "@" in text and not any(character.isspace() for character in text)


@cache
def _letter_classes() -> dict[str, str]:
    """Each ASCII letter's regular-expression class of the Latin letters it is written
    with: "e" → "[eEéÉèÈêÊëË…]"."""
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        letter = chr(code)
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c)
        )
        if len(bare) == 1 and bare.isascii() and bare.isalpha():
            variants.setdefault(bare.lower(), {bare.lower(), bare.upper()}).add(letter)
    return {base: "[" + "".join(sorted(letters)) + "]" for base, letters in variants.items()}


def _accent_insensitive(word: str) -> str:
    """A regular expression that finds ``word`` whatever its accents: "lea" finds "Léa"."""
    classes = _letter_classes()
    return "".join(classes.get(letter, re.escape(letter)) for letter in fold(word))


def matching_members(*, viewer, text: str) -> QuerySet[Profile]:
    """Members ``viewer`` may pick whose name holds every word of ``text``, or whose
    e-mail address (one the viewer may read) is ``text``."""
    # What the database cannot hold cannot be in a name: NUL and the other control codes.
    text = "".join(letter for letter in text if letter.isprintable()).strip()
    members = choosable_members(viewer)
    if not text:
        return members.none()
    if _looks_like_email(text):
        address = privacy.section_visible_q(viewer, "contact") & Q(contact_email__iexact=text)
        if privacy.is_staff_viewer(viewer):
            address |= Q(user__email__iexact=text)
        return members.filter(address)
    words = [word for word in fold(text).split() if any(letter.isalnum() for letter in word)]
    if not words:
        return members.none()
    for word in words:
        pattern = _accent_insensitive(word)
        members = members.filter(Q(first_name__iregex=pattern) | Q(last_name__iregex=pattern))
    return members


def suggest_members(
    *, viewer, text: str, limit: int = SUGGESTION_LIMIT
) -> list[privacy.ProfileView]:
    """What a chooser lists under the input, as the viewer may see each member."""
    if len(text.strip()) < MIN_SUGGESTION_LENGTH:
        return []
    members = (
        matching_members(viewer=viewer, text=text)
        .select_related("user")
        .order_by("last_name", "first_name", "pk")[:limit]
    )
    return [privacy.visible_profile(viewer, member, listing=True) for member in members]


def _same_name(profile: Profile, text: str) -> bool:
    typed = fold(text)
    first, last = fold(profile.first_name), fold(profile.last_name)
    return typed in (f"{first} {last}", f"{last} {first}")


def resolve_member(*, viewer, text: str = "", member_id: int | None = None) -> Profile:
    """The member a chooser's form names: the suggestion picked, else what was typed.

    Raises ``MemberError`` when nobody the viewer may pick answers, or when several
    do and none bears exactly the name typed.
    """
    if member_id is not None:
        member = choosable_members(viewer).select_related("user").filter(pk=member_id).first()
        if member is not None:
            return member
    text = text.strip()
    if not text:
        raise MemberError(_("Type the member's name or e-mail address."))
    candidates = list(
        matching_members(viewer=viewer, text=text)
        .select_related("user")
        .order_by("last_name", "first_name", "pk")[: SUGGESTION_LIMIT + 1]
    )
    if len(candidates) == 1:
        return candidates[0]
    named = [candidate for candidate in candidates if _same_name(candidate, text)]
    if len(named) == 1:
        return named[0]
    if not candidates:
        raise MemberError(
            _("No member you can find answers to “%(text)s”.") % {"text": text}, status=404
        )
    raise MemberError(
        _(
            "Several members answer to “%(text)s”: type their full name or their e-mail "
            "address, or pick one of the suggestions."
        )
        % {"text": text},
        status=409,
    )
