"""What the public search holds about clubs (see ``search.documents``).

An active public club gets a document for visitors and one for members; a
members-only club gets the members' one only; a proposed or archived club none.
"""

from __future__ import annotations

from collections.abc import Iterator

from clubs.models import Club, ClubStatus, ClubVisibility
from search.documents import MEMBERS, PUBLIC, Document

KIND = "clubs"


def documents_for(club: Club) -> list[Document]:
    if club.status != ClubStatus.ACTIVE:
        return []
    audiences = (PUBLIC, MEMBERS) if club.visibility == ClubVisibility.PUBLIC else (MEMBERS,)
    themes = tuple(sorted(theme.name for theme in club.themes.all()))
    text = " ".join(
        part for part in (club.name, club.summary, club.description, club.city, *themes) if part
    )
    facets = {
        "club_kind": (club.kind,),
        "country": (club.country,) if club.country else (),
        "theme": themes,
    }
    return [
        Document(
            kind=KIND,
            id=str(club.pk),
            audience=audience,
            title=club.name,
            url=club.get_absolute_url(),
            summary=club.summary,
            text=text,
            facets=facets,
            latitude=club.latitude,
            longitude=club.longitude,
            date=club.updated_at,
            extra={"city": club.city, "club_kind": club.get_kind_display()},
        )
        for audience in audiences
    ]


def iter_documents() -> Iterator[Document]:
    for club in Club.objects.active().prefetch_related("themes").iterator(chunk_size=500):
        yield from documents_for(club)
