"""Demo clubs, in French: the ones alumni networks describe.

A PhD club, a Biotech club, an arts and heritage club, geographic clubs abroad
(London, Montréal, Shanghai, Brussels, New York) and at home (Lille, Arras), trade
clubs and a club waiting for the alumni office's approval; with members, leaders,
requests waiting, invitations and announcements. Idempotent: a second run adds nothing.
"""

import random

from django.db import transaction
from django.utils import timezone

from clubs.models import (
    Announcement,
    Club,
    ClubKind,
    ClubStatus,
    ClubVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from home.demo import ADMIN_EMAIL
from members.demo import DEMO_DOMAIN, LEADER_EMAIL
from members.models import Profile

G, T, TH, D = ClubKind.GEOGRAPHIC, ClubKind.TRADE, ClubKind.THEMATIC, ClubKind.DISCIPLINARY

# name, slug, kind, summary, themes, (city, country, lat, lng), policy, visibility, featured
CLUBS = [
    (
        "Club des docteurs",
        "club-des-docteurs",
        D,
        "Docteurs et doctorants de toutes les disciplines : carrières, recherche et entreprise.",
        ["doctorat", "recherche", "carrières"],
        None,
        JoinPolicy.APPROVAL,
        ClubVisibility.PUBLIC,
        True,
    ),
    (
        "Club Biotech",
        "club-biotech",
        D,
        "Biotechnologies, santé et sciences du vivant : de la paillasse à la start-up.",
        ["biotech", "santé", "innovation"],
        None,
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        True,
    ),
    (
        "Arts et patrimoine",
        "arts-et-patrimoine",
        TH,
        "Visites, conférences et chantiers : les amoureux du patrimoine et de la création.",
        ["patrimoine", "culture", "musées"],
        None,
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        True,
    ),
    (
        "Club de Londres",
        "club-de-londres",
        G,
        "Les diplômés installés au Royaume-Uni se retrouvent chaque mois à Londres.",
        ["international", "finance"],
        ("Londres", "GB", 51.5072, -0.1276),
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        True,
    ),
    (
        "Club de Montréal",
        "club-de-montreal",
        G,
        "Accueil des nouveaux arrivants, réseau professionnel et soirées au Québec.",
        ["international", "mobilité"],
        ("Montréal", "CA", 45.5019, -73.5674),
        JoinPolicy.APPROVAL,
        ClubVisibility.PUBLIC,
        False,
    ),
    (
        "Club de Shanghai",
        "club-de-shanghai",
        G,
        "Diplômés en Chine : entrepreneuriat, échanges et entraide.",
        ["international", "commerce"],
        ("Shanghai", "CN", 31.2304, 121.4737),
        JoinPolicy.APPROVAL,
        ClubVisibility.MEMBERS,
        False,
    ),
    (
        "Club de Bruxelles",
        "club-de-bruxelles",
        G,
        "Institutions européennes, lobbying, associations : le réseau bruxellois.",
        ["europe", "affaires publiques"],
        ("Bruxelles", "BE", 50.8467, 4.3525),
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        False,
    ),
    (
        "Club de New York",
        "club-de-new-york",
        G,
        "Les diplômés de la côte Est des États-Unis.",
        ["international"],
        ("New York", "US", 40.7128, -74.0060),
        JoinPolicy.INVITATION,
        ClubVisibility.PUBLIC,
        False,
    ),
    (
        "Club de Lille",
        "club-de-lille",
        G,
        "Afterworks, visites d’entreprises et parrainage dans la métropole lilloise.",
        ["métropole", "parrainage"],
        ("Lille", "FR", 50.6292, 3.0573),
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        True,
    ),
    (
        "Club d’Arras",
        "club-d-arras",
        G,
        "Le réseau des diplômés de l’Artois, entre Arras et le bassin minier.",
        ["territoire", "emploi"],
        ("Arras", "FR", 50.2910, 2.7775),
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        False,
    ),
    (
        "Club Finance et audit",
        "club-finance-et-audit",
        T,
        "Banque, assurance, audit et conseil : retours d’expérience et offres.",
        ["finance", "audit", "conseil"],
        None,
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        False,
    ),
    (
        "Club Numérique",
        "club-numerique",
        T,
        "Développeurs, data scientists et product managers de la communauté.",
        ["numérique", "data", "intelligence artificielle"],
        None,
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        False,
    ),
    (
        "Club Droit et justice",
        "club-droit-et-justice",
        T,
        "Avocats, juristes d’entreprise et magistrats : conférences et mentorat.",
        ["droit", "mentorat"],
        None,
        JoinPolicy.APPROVAL,
        ClubVisibility.MEMBERS,
        False,
    ),
    (
        "Développement durable",
        "developpement-durable",
        TH,
        "Transition écologique, énergie et économie circulaire : agir ensemble.",
        ["climat", "énergie", "économie circulaire"],
        None,
        JoinPolicy.OPEN,
        ClubVisibility.PUBLIC,
        False,
    ),
]

PROPOSED = (
    "Club Rugby et valeurs",
    "club-rugby-et-valeurs",
    TH,
    "Supporters et joueurs : matchs, tournois et solidarité.",
)

ANNOUNCEMENTS = [
    ("Soirée de rentrée", "Rendez-vous le premier jeudi du mois pour faire connaissance."),
    ("Appel à intervenants", "Vous voulez présenter votre parcours ? Écrivez aux animateurs."),
    ("Compte rendu de la dernière rencontre", "Merci aux quarante participants ! Photos à venir."),
]


def load(*, stdout, style, **options):
    if Club.objects.filter(slug="club-des-docteurs").exists():
        stdout.write("Demo clubs already loaded.")
        return
    people = list(Profile.objects.filter(user__email__endswith="@" + DEMO_DOMAIN).order_by("pk"))
    if len(people) < 20:
        stdout.write("Demo clubs need the demo members: load them first.")
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    with transaction.atomic():
        for name, slug, kind, summary, themes, place, policy, visibility, featured in CLUBS:
            city, country, latitude, longitude = place or ("", "", None, None)
            club = Club.objects.create(
                name=name,
                slug=slug,
                kind=kind,
                summary=summary,
                description=summary
                + "\n\nLe club est animé par des bénévoles avec le service des diplômés.",
                city=city,
                country=country,
                latitude=latitude,
                longitude=longitude,
                join_policy=policy,
                visibility=visibility,
                status=ClubStatus.ACTIVE,
                featured=featured,
            )
            club.themes.set(themes)
            chosen = rng.sample(people, rng.randint(12, 40))
            memberships = [
                Membership(
                    club=club,
                    profile=profile,
                    role=MembershipRole.LEADER
                    if index == 0
                    else MembershipRole.MODERATOR
                    if index == 1
                    else MembershipRole.MEMBER,
                    status=MembershipStatus.ACTIVE,
                    joined_at=now,
                )
                for index, profile in enumerate(chosen[:-3])
            ]
            waiting = (
                MembershipStatus.PENDING
                if policy == JoinPolicy.APPROVAL
                else MembershipStatus.INVITED
                if policy == JoinPolicy.INVITATION
                else None
            )
            if waiting:
                memberships += [
                    Membership(
                        club=club,
                        profile=profile,
                        status=waiting,
                        message="Bonjour, je serais ravi·e de rejoindre le club."
                        if waiting == MembershipStatus.PENDING
                        else "",
                        invited_by=chosen[0] if waiting == MembershipStatus.INVITED else None,
                    )
                    for profile in chosen[-3:]
                ]
            Membership.objects.bulk_create(memberships)
            Announcement.objects.bulk_create(
                Announcement(club=club, author=chosen[0], title=title, body=body)
                for title, body in rng.sample(ANNOUNCEMENTS, 2)
            )
        _leads(Club.objects.get(slug="club-de-lille"), ADMIN_EMAIL, now)
        _leads(Club.objects.get(slug="club-biotech"), LEADER_EMAIL, now)
        name, slug, kind, summary = PROPOSED
        Club.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            summary=summary,
            status=ClubStatus.PROPOSED,
            proposed_by=people[0],
        )
    stdout.write(
        style.SUCCESS(f"{len(CLUBS)} demo clubs and one proposed club waiting for approval.")
    )


def _leads(club: Club, email: str, now) -> None:
    """The demo account ``email`` co-leads a club, to show the leaders' space."""
    leader = Profile.objects.filter(user__email=email).first()
    if leader is not None:
        Membership.objects.update_or_create(
            club=club,
            profile=leader,
            defaults={
                "role": MembershipRole.LEADER,
                "status": MembershipStatus.ACTIVE,
                "joined_at": now,
            },
        )
