"""The vocabulary of privacy, shared by the models and ``members.privacy``.

Kept apart from ``privacy.py`` so the models can use it without importing the
module that queries them. Read ``members/privacy.py`` for the rules.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everybody, including visitors")
    MEMBERS = "members", _("Signed-in members")
    PRIVATE = "private", _("Only me")


DEFAULT_VISIBILITY = Visibility.MEMBERS


@dataclass(frozen=True)
class Section:
    """A part of a profile whose visibility its owner chooses.

    ``fields`` are the profile's own fields the section covers; education,
    experience and expertise are related rows.
    """

    key: str
    label: Promise
    fields: tuple[str, ...] = ()

    @property
    def visibility_field(self) -> str:
        return f"{self.key}_visibility"


SECTIONS: dict[str, Section] = {
    section.key: section
    for section in (
        Section("photo", _("Photo"), ("photo",)),
        Section("headline", _("Headline"), ("headline",)),
        Section("biography", _("Biography"), ("biography",)),
        Section("location", _("Place of residence"), ("city", "country", "latitude", "longitude")),
        Section("contact", _("Contact details"), ("contact_email", "phone")),
        Section("links", _("Links"), ("website", "linkedin", "other_links")),
        Section("education", _("Education at the university")),
        Section("experience", _("Professional experience")),
        Section("expertise", _("Expertise and languages"), ("languages",)),
        Section(
            "availability",
            _("Availability"),
            ("open_to_opportunities", "hiring", "volunteer_mentor"),
        ),
        Section("cv", _("CV"), ("cv",)),
    )
}
