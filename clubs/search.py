"""Clubs in the public search: public clubs for everyone, members-only clubs for members."""

from __future__ import annotations

from home.countries import country_name, place_details, place_name
from search import sources
from search.documents import MEMBERS, PUBLIC, Document

from .models import Club, ClubKind, TaggedClub


def club_documents(club: Club) -> list[Document]:
    themes = [theme.name for theme in club.themes.all()]
    place = place_name(club.city, club.country)
    facets = {"club_kind": (club.kind,), "country": (club.country,), "theme": tuple(themes)}
    return [
        Document(
            kind="clubs",
            id=str(club.pk),
            audience=audience,
            title=club.name,
            url=club.get_absolute_url(),
            summary=club.summary,
            text=" ".join(part for part in (club.description, place, *themes) if part),
            facets={name: values for name, values in facets.items() if any(values)},
            latitude=club.latitude,
            longitude=club.longitude,
            date=club.created_at,
            extra={"club_kind": club.kind, "city": club.city, "country": club.country},
        )
        for audience in ((PUBLIC, MEMBERS) if club.is_public else (MEMBERS,))
    ]


SOURCE = sources.Source(
    kind="clubs",
    objects=lambda: Club.objects.active().prefetch_related("themes"),
    documents=club_documents,
    watch={Club: sources.same_object, TaggedClub: lambda row: (row.content_object_id,)},
    facet_labels={"club_kind": lambda value: ClubKind(value).label, "country": country_name},
    details=place_details,
)
