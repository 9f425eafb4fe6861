"""A member's own profile: creating it, editing it, consenting, and how complete it is.

Every edit goes through ``create_profile`` or ``update_profile``, from the profile
form and from the API alike, so that one set of rules holds:

- only ``EDITABLE_FIELDS`` (and the files ``FILE_FIELDS``) change, each validated
  by the model; ``visibilities`` name known sections and known audiences;
- the city named becomes the gazetteer's, with its country and position
  (``home.places.resolve_place``): a city changed never keeps the previous city's
  point on the map;
- at most ``MAX_EXPERTISE_DOMAINS`` expertise domains, ``MAX_EDUCATION_ROWS`` and
  ``MAX_EXPERIENCE_ROWS`` rows of education and experience;
- the account's language (the e-mails') is one the site speaks;
- a profile is created once per account, with the member's consent to the privacy
  notice, recorded once;
- the profile's row is locked while the edit is checked and written, and nothing is
  written when anything is refused: ``MemberError`` then maps each bad field to its
  messages (``errors``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.locking import lock
from config.text import text_errors
from home import places
from members.errors import MemberError
from members.models import Consent, Education, Experience, ExpertiseDomain, Profile, User
from members.visibility import SECTIONS, Visibility

PRIVACY_NOTICE_VERSION = "2026-11"

EDITABLE_FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "headline",
    "biography",
    "city",
    "country",
    "contact_email",
    "phone",
    "website",
    "linkedin",
    "other_links",
    "languages",
    "open_to_opportunities",
    "hiring",
    "volunteer_mentor",
    "listed_publicly",
    "listed_to_members",
)
FILE_FIELDS = ("photo", "cv")
# What only the admin changes: where the record comes from (the graduate archives).
RECORD_FIELDS = ("source", "claimed_at")
EDUCATION_FIELDS = ("programme", "degree", "discipline", "faculty", "start_year", "end_year")
EXPERIENCE_FIELDS = (
    "role",
    "organisation",
    "organisation_name",
    "sector",
    "start_date",
    "end_date",
)
MAX_EXPERTISE_DOMAINS = 30
MAX_EDUCATION_ROWS = 20
MAX_EXPERIENCE_ROWS = 30

Row = Mapping[str, Any]
"""A row of education or experience: ``id`` (``None`` for a new one), ``delete``, values."""

ProfileRow = TypeVar("ProfileRow", Education, Experience)
Errors = dict[str, list[str]]
"""Each bad field's messages, as ``MemberError.errors`` gives them."""


def record_consent(*, user: User, notice_version: str = PRIVACY_NOTICE_VERSION) -> Consent:
    return Consent.objects.create(user=user, notice_version=notice_version)


def create_profile(
    *,
    user: User,
    changes: dict[str, Any],
    consent: bool,
    visibilities: dict[str, str] | None = None,
    expertise: Sequence[str] | None = None,
    files: Mapping[str, File | None] | None = None,
    education: Sequence[Row] | None = None,
    experience: Sequence[Row] | None = None,
    place_id: int | None = None,
    language: str | None = None,
) -> Profile:
    """Creates ``user``'s profile with their consent to the privacy notice, recorded once."""
    if not consent:
        raise MemberError(
            _("The profile was not saved: some values are not valid."),
            errors={"consent": [_("Agree to the privacy notice to create your profile.")]},
        )
    with transaction.atomic():
        lock(User.objects.filter(pk=user.pk))
        if Profile.objects.filter(user=user).exists():
            raise MemberError(_("You already have a profile."), status=409)
        profile = _save(
            Profile(user=user),
            changes=changes,
            visibilities=visibilities,
            expertise=expertise,
            files=files,
            education=education,
            experience=experience,
            place_id=place_id,
            language=language,
        )
        record_consent(user=user)
    return profile


def update_profile(
    *,
    profile: Profile,
    changes: dict[str, Any],
    visibilities: dict[str, str] | None = None,
    expertise: Sequence[str] | None = None,
    files: Mapping[str, File | None] | None = None,
    education: Sequence[Row] | None = None,
    experience: Sequence[Row] | None = None,
    place_id: int | None = None,
    language: str | None = None,
    record_changes: dict[str, Any] | None = None,
) -> Profile:
    """Applies the changes to the owner's profile, or nothing at all if one is invalid.

    ``files`` maps ``photo``/``cv`` to a new file, or ``None`` to remove it;
    ``education`` and ``experience`` list the rows to add, change (``id``) or delete
    (``delete``); ``place_id`` is the gazetteer's city picked from the suggestions;
    ``language`` is the account's, in which the site writes to the member;
    ``record_changes`` are the admin's changes to ``RECORD_FIELDS``.
    Raises ``MemberError`` whose ``errors`` maps each bad field to its messages.
    """
    with transaction.atomic():
        (locked,) = lock(Profile.objects.filter(pk=profile.pk))
        return _save(
            locked,
            changes=changes,
            visibilities=visibilities,
            expertise=expertise,
            files=files,
            education=education,
            experience=experience,
            place_id=place_id,
            language=language,
            record_changes=record_changes,
        )


def _save(
    profile: Profile,
    *,
    changes: dict[str, Any],
    visibilities: dict[str, str] | None,
    expertise: Sequence[str] | None,
    files: Mapping[str, File | None] | None,
    education: Sequence[Row] | None,
    experience: Sequence[Row] | None,
    place_id: int | None,
    language: str | None,
    record_changes: dict[str, Any] | None = None,
) -> Profile:
    unknown = sorted(
        (set(changes) - set(EDITABLE_FIELDS))
        | (set(files or ()) - set(FILE_FIELDS))
        | (set(record_changes or ()) - set(RECORD_FIELDS))
    )
    if unknown:
        raise MemberError(
            _("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    errors: Errors = {}
    for name, value in {**changes, **(record_changes or {})}.items():
        if isinstance(value, str):
            _check_text(Profile, name, value, errors)
        setattr(profile, name, value)
    for name, file in (files or {}).items():
        # A file field stores "" for no file; the model field knows how. ``get_field``
        # is typed as any field or relation; the names of FILE_FIELDS are file fields.
        field = cast(models.FileField, Profile._meta.get_field(name))
        field.save_form_data(profile, file or False)
    if {"city", "country"} & set(changes) or place_id is not None:
        _place_profile(profile, errors, country_given="country" in changes, place_id=place_id)
    _apply_visibilities(profile, visibilities or {}, errors)
    domains = _expertise_domains(expertise, errors)
    if language is not None and language not in dict(settings.LANGUAGES):
        errors.setdefault("language", []).append(
            _("Unknown language “%(value)s”; expected one of: %(choices)s.")
            % {"value": language, "choices": ", ".join(dict(settings.LANGUAGES))}
        )
    try:
        profile.full_clean(
            exclude=["user", *(name for name in FILE_FIELDS if name not in (files or {}))]
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    education_rows = _rows(
        profile, Education, education, EDUCATION_FIELDS, MAX_EDUCATION_ROWS, "education", errors
    )
    experience_rows = _rows(
        profile,
        Experience,
        experience,
        EXPERIENCE_FIELDS,
        MAX_EXPERIENCE_ROWS,
        "experience",
        errors,
    )
    if errors:
        raise MemberError(_("The profile was not saved: some values are not valid."), errors=errors)
    profile.save()
    if language is not None and profile.user is not None and profile.user.language != language:
        profile.user.language = language
        profile.user.save(update_fields=["language"])
    for saved, deleted in (education_rows, experience_rows):
        for row in deleted:
            row.delete()
        for row in saved:
            row.profile = profile
            row.save()
    if domains is not None:
        profile.expertise.set(domains)
    return profile


def _check_text(model: type[models.Model], name: str, value: str, errors: Errors) -> None:
    """Length (text areas included, which the database does not bound) and control
    characters, the same for the forms, the API and the imports."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        return
    multiline = isinstance(field, models.TextField)
    for message in text_errors(value, max_length=field.max_length, multiline=multiline):
        errors.setdefault(name, []).append(message)


def _place_profile(
    profile: Profile, errors: Errors, *, country_given: bool, place_id: int | None = None
) -> None:
    """The city named becomes the gazetteer's, with its country and position."""
    if not profile.city:
        profile.latitude = profile.longitude = None
        return
    try:
        place = places.resolve_place(
            profile.city,
            place_id=place_id,
            country=profile.country if country_given else "",
        )
    except places.UnknownPlace as error:
        errors.setdefault("city", []).append(error.message)
        return
    profile.city, profile.country = place.name, place.country
    profile.latitude, profile.longitude = place.latitude, place.longitude


def _apply_visibilities(profile: Profile, visibilities: dict[str, str], errors: Errors) -> None:
    for section, visibility in visibilities.items():
        if section not in SECTIONS:
            errors.setdefault("visibilities", []).append(
                _("Unknown section “%(section)s”.") % {"section": section}
            )
        elif visibility not in Visibility.values:
            errors.setdefault("visibilities", []).append(
                _("Unknown visibility “%(value)s” for “%(section)s”.")
                % {"value": visibility, "section": section}
            )
        else:
            setattr(profile, SECTIONS[section].visibility_field, visibility)


def _expertise_domains(expertise: Sequence[str] | None, errors: Errors) -> list[str] | None:
    if expertise is None:
        return None
    domains = list(dict.fromkeys(name.strip() for name in expertise if name.strip()))
    limit = ExpertiseDomain._meta.get_field("name").max_length
    for name in domains:
        for message in text_errors(name, max_length=limit):
            if message not in errors.get("expertise", []):
                errors.setdefault("expertise", []).append(message)
    if len(domains) > MAX_EXPERTISE_DOMAINS:
        errors.setdefault("expertise", []).append(
            _("Name at most %(limit)s expertise domains.") % {"limit": MAX_EXPERTISE_DOMAINS}
        )
    return domains


def _rows(
    profile: Profile,
    model: type[ProfileRow],
    rows: Sequence[Row] | None,
    fields: Sequence[str],
    limit: int,
    key: str,
    errors: Errors,
) -> tuple[list[ProfileRow], list[ProfileRow]]:
    """The rows to save and to delete, each validated by its model; errors under ``key``."""
    if rows is None:
        return [], []
    existing = {row.pk: row for row in model.objects.filter(profile=profile)} if profile.pk else {}
    saved: list[ProfileRow] = []
    deleted: list[ProfileRow] = []
    for number, values in enumerate(rows, start=1):
        row_id = values.get("id")
        if row_id is not None and row_id not in existing:
            errors.setdefault(key, []).append(
                _("Row %(number)s: there is no such row.") % {"number": number}
            )
            continue
        row = existing.pop(row_id) if row_id is not None else model(profile=profile)
        if values.get("delete"):
            if row.pk:
                deleted.append(row)
            continue
        for name in fields:
            if name in values:
                setattr(row, name, values[name])
        try:
            row.full_clean(exclude=["profile"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                # ``get_field`` is typed as any field or relation; ``fields`` are the
                # model's own fields, which have a verbose name.
                label = (
                    str(cast(models.Field, model._meta.get_field(name)).verbose_name)
                    if name in fields
                    else ""
                )
                errors.setdefault(key, []).extend(
                    _("Row %(number)s: %(field)s: %(message)s")
                    % {"number": number, "field": label, "message": message}
                    if label
                    else _("Row %(number)s: %(message)s") % {"number": number, "message": message}
                    for message in messages
                )
        saved.append(row)
    if len(saved) + len(existing) > limit:
        errors.setdefault(key, []).append(_("At most %(limit)s rows.") % {"limit": limit})
    return saved, deleted


# How complete a profile is, for the dashboard -----------------------------------

COMPLETENESS_STEPS = (
    ("photo", lambda p: bool(p.photo), gettext_lazy("Add a photo")),
    ("headline", lambda p: bool(p.headline), gettext_lazy("Write a headline")),
    ("biography", lambda p: bool(p.biography), gettext_lazy("Tell your story in a few lines")),
    ("location", lambda p: bool(p.city and p.country), gettext_lazy("Say where you live")),
    (
        "education",
        lambda p: p.education.exists(),
        gettext_lazy("Add your studies at the university"),
    ),
    (
        "experience",
        lambda p: p.experience.exists(),
        gettext_lazy("Add your professional experience"),
    ),
    ("expertise", lambda p: p.expertise.exists(), gettext_lazy("Name your expertise domains")),
    ("cv", lambda p: bool(p.cv), gettext_lazy("Upload your CV")),
)


def profile_completeness(profile: Profile | None) -> dict:
    """How complete a profile is (percent) and the next steps, in order."""
    if profile is None:
        return {"percent": 0, "next_steps": [], "has_profile": False}
    done = [(key, label) for key, check, label in COMPLETENESS_STEPS if check(profile)]
    todo = [(key, label) for key, check, label in COMPLETENESS_STEPS if not check(profile)]
    # Names count as the first step, which every profile has.
    total = len(COMPLETENESS_STEPS) + 1
    return {
        "percent": round(100 * (len(done) + 1) / total),
        "next_steps": todo,
        "has_profile": True,
    }
