"""A small community every conformance test searches: members, clubs and pages."""

from __future__ import annotations

from dataclasses import dataclass

from clubs.models import Club, ClubKind, ClubVisibility
from home.models import HomePage
from members.models import Profile, User
from tests.home.factories import StandardPageFactory, make_site_home
from tests.members.factories import (
    ArchiveProfileFactory,
    EducationFactory,
    ExperienceFactory,
    ProfileFactory,
    UserFactory,
)
from tests.search.factories import ClubFactory

CANARY = "zorglubcanari"
LILLE = (50.6292, 3.0573)
ROUBAIX = (50.6942, 3.1746)
PARIS = (48.8566, 2.3522)


@dataclass
class World:
    home: HomePage
    helene: Profile
    marc: Profile
    sophie: Profile
    archive: Profile
    lille_club: Club
    secret_club: Club
    member: User


def build_world() -> World:
    """Built inside ``indexed()``: every object reaches both stores on commit."""
    home = make_site_home()
    StandardPageFactory(
        parent=home,
        title="L'université et son territoire",
        slug="territoire",
        introduction="Les partenariats de l'Université de Lille avec la métropole.",
    )
    helene = ProfileFactory(
        first_name="Hélène",
        last_name="Dupont",
        listed_publicly=True,
        headline="Ingénieure énergéticienne à l'Université de Lille",
        headline_visibility="public",
        biography=f"Passionnée de voile, mot secret {CANARY}.",
        biography_visibility="private",
        city="Lille",
        country="FR",
        latitude=LILLE[0],
        longitude=LILLE[1],
        location_visibility="public",
        education_visibility="public",
        expertise_visibility="public",
    )
    helene.expertise.set(["économie circulaire"])
    EducationFactory(
        profile=helene,
        programme="Master Économie appliquée",
        faculty="Faculté d’économie et de gestion",
    )
    marc = ProfileFactory(
        first_name="Marc",
        last_name="Bernard",
        headline="Spécialiste des réseaux électriques",
        city="Paris",
        country="FR",
        latitude=PARIS[0],
        longitude=PARIS[1],
    )
    EducationFactory(profile=marc, programme="Licence Physique", faculty="Faculté des sciences")
    ExperienceFactory(profile=marc, role="Ingénieur réseau", sector="energy")
    sophie = ProfileFactory(
        first_name="Sophie",
        last_name="Martin",
        listed_publicly=True,
        headline="Doctorante en histoire de l'art",
        headline_visibility="public",
        city="Roubaix",
        country="BE",
        latitude=ROUBAIX[0],
        longitude=ROUBAIX[1],
        location_visibility="public",
    )
    archive = ArchiveProfileFactory(first_name="Gaston", last_name="Archambault")
    EducationFactory(
        profile=archive, programme="Licence Géographie", faculty="Faculté de géographie"
    )
    lille_club = ClubFactory(
        name="Club Lille Métropole",
        kind=ClubKind.GEOGRAPHIC,
        summary="Les diplômés de la métropole lilloise",
        city="Lille",
        country="FR",
        latitude=LILLE[0],
        longitude=LILLE[1],
    )
    lille_club.themes.set(["afterworks"])
    secret_club = ClubFactory(
        name="Cercle des mécènes",
        summary="Le cercle confidentiel des mécènes de l'université",
        visibility=ClubVisibility.MEMBERS,
    )
    member = UserFactory(email="lectrice@example.org")
    return World(
        home=home,
        helene=helene,
        marc=marc,
        sophie=sophie,
        archive=archive,
        lille_club=lille_club,
        secret_club=secret_club,
        member=member,
    )
