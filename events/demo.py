"""Demo events: International Student Week, Fête de la science, a project forum, club events.

Some are full with a waiting list, one is over. The demo organiser account is in the
group *Organisateurs des événements*, whose members may edit the events (and so see
their registrations and check people in). Running it again keeps what exists.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission

from clubs.models import Club
from events import registration
from events.models import AttendanceMode, Audience, EventIndexPage, EventPage, QuestionKind
from events.proposals import review_workflow
from home.models import HomePage
from members.demo import ORGANISER_EMAIL
from members.models import Profile

ORGANISERS_GROUP = "Organisateurs des événements"


def _next(month: int, day: int, hour: int) -> datetime:
    """The next such date (this year's, or next year's once it has passed)."""
    today = timezone.localdate()
    year = today.year if (month, day) > (today.month, today.day) else today.year + 1
    return timezone.make_aware(datetime(year, month, day, hour))


def _in_days(days: int, hour: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), datetime.min.time())
    ) + timedelta(hours=hour)


def _paragraphs(*texts):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in texts))]


def _events() -> list[dict]:
    week = _next(11, 16, 9)
    science = _next(10, 9, 14)
    return [
        {
            "slug": "semaine-internationale-des-etudiants",
            "title": "Semaine internationale des étudiants",
            "summary": "Une semaine pour accueillir les étudiants venus du monde entier : "
            "village des pays, repas partagés, visites de Lille et rencontres avec les "
            "associations.",
            "start": week,
            "end": week + timedelta(days=4, hours=9),
            "venue": "Campus Cité scientifique, place de la République",
            "address": "Avenue Paul Langevin\n59655 Villeneuve-d'Ascq",
            "latitude": 50.6092,
            "longitude": 3.1428,
            "organiser_service": "Direction des relations internationales",
            "capacity": 400,
            "tags": ["international", "vie étudiante"],
            "questions": [("Votre pays d’origine", QuestionKind.SHORT, False)],
            "registrants": 25,
            "body": _paragraphs(
                "Avec la Ville de Lille, l’université accueille chaque automne ses "
                "étudiants internationaux. Au programme : stands des pays, ateliers de "
                "conversation, visite guidée du Vieux-Lille et soirée de clôture.",
            ),
        },
        {
            "slug": "fete-de-la-science",
            "title": "Fête de la science : les laboratoires ouvrent leurs portes",
            "summary": "Expériences, démonstrations et rencontres avec les chercheurs de "
            "nos 64 unités de recherche, pour petits et grands.",
            "start": science,
            "end": science + timedelta(hours=4),
            "venue": "Faculté des sciences et technologies",
            "address": "Cité scientifique\n59655 Villeneuve-d'Ascq",
            "latitude": 50.6079,
            "longitude": 3.1371,
            "organiser_service": "Direction de la culture scientifique",
            "capacity": 120,
            "tags": ["sciences", "recherche"],
            "questions": [
                ("Nombre d’enfants qui vous accompagnent", QuestionKind.SHORT, False),
            ],
            "registrants": 30,
            "body": _paragraphs(
                "Énergie, mobilités, alimentation, patrimoine : les équipes présentent "
                "leurs travaux en une demi-heure, au milieu de leurs instruments.",
            ),
        },
        {
            "slug": "forum-des-porteurs-de-projets",
            "title": "Forum des porteurs de projets",
            "summary": "Six porteurs de projets présentent leur initiative en cinq minutes "
            "pour trouver partenaires, stagiaires et mécènes. Places limitées.",
            "start": _in_days(18, 18),
            "end": _in_days(18, 21),
            "venue": "Maison de l’innovation",
            "address": "2 rue du Palais Rihour\n59000 Lille",
            "latitude": 50.6365,
            "longitude": 3.0625,
            "organiser_service": "Pôle partenariats et innovation",
            "audience": Audience.MEMBERS,
            "capacity": 8,
            "tags": ["entrepreneuriat", "partenariats"],
            "questions": [
                ("Votre projet en une phrase", QuestionKind.LONG, True),
                ("Cherchez-vous des partenaires ?", QuestionKind.YES_NO, False),
            ],
            "registrants": 12,
            "body": _paragraphs(
                "Entreprises, associations, collectivités et diplômés se retrouvent "
                "autour des projets : économie circulaire, mobilités douces, "
                "numérique responsable.",
            ),
        },
        {
            "slug": "webinaire-reussir-sa-recherche-de-stage",
            "title": "Webinaire : réussir sa recherche de stage",
            "summary": "Une heure avec des recruteurs et des diplômés pour préparer son "
            "CV, sa lettre et ses entretiens.",
            "start": _in_days(9, 12),
            "end": _in_days(9, 13),
            "attendance_mode": AttendanceMode.ONLINE,
            "venue": "",
            "address": "",
            "join_url": "https://visio.univ-nord.example.org/stage",
            "organiser_service": "Bureau d’aide à l’insertion professionnelle",
            "capacity": 5,
            "tags": ["carrière", "stages"],
            "registrants": 9,
        },
        {
            "slug": "soiree-des-diplomes",
            "title": "Soirée des diplômés",
            "summary": "Les promotions se sont retrouvées dans les salons de l’hôtel de ville.",
            "start": _in_days(-60, 19),
            "end": _in_days(-60, 23),
            "venue": "Hôtel de ville de Lille",
            "address": "Place Augustin Laurent\n59000 Lille",
            "organiser_service": "Relations avec les diplômés",
            "capacity": 200,
            "tags": ["diplômés"],
            "registrants": 0,
        },
    ]


def _club_events(clubs) -> list[dict]:
    return [
        {
            "slug": f"rencontre-{club.slug}",
            "title": f"Rencontre des membres\u202f: {club.name}",
            "summary": "Les membres du club se retrouvent pour faire le point sur l’année et "
            "accueillir les nouveaux.",
            "start": _in_days(12 + 7 * number, 19),
            "end": _in_days(12 + 7 * number, 21),
            "venue": "Maison des étudiants",
            "address": "Cité scientifique\n59655 Villeneuve-d'Ascq",
            "organiser_club": club,
            "audience": Audience.CLUB_MEMBERS,
            "capacity": 20,
            "tags": ["clubs"],
            "registrants": 0,
        }
        for number, club in enumerate(clubs)
    ]


def _index(home) -> EventIndexPage:
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Événements",
                slug="events",
                show_in_menus=True,
                introduction="Rencontres, conférences, forums et fêtes de l’université et de "
                "ses clubs. Inscrivez-vous en ligne : s’il n’y a plus de place, la liste "
                "d’attente vous prévient dès qu’une place se libère.",
            )
        )
        index.save_revision().publish()
    return index


def _event(index, spec, people) -> EventPage | None:
    if index.get_children().filter(slug=spec["slug"]).exists():
        return None
    spec = dict(spec)
    questions = spec.pop("questions", [])
    tags = spec.pop("tags", [])
    wanted = spec.pop("registrants")
    event = EventPage(**spec)
    for label, kind, required in questions:
        event.questions.add(event.questions.model(label=label, kind=kind, required=required))
    event.tags.add(*tags)
    index.add_child(instance=event)
    event.save_revision().publish()
    if event.start <= timezone.now():
        return event
    for profile in people[:wanted]:
        answers = {
            str(question.pk): "Un projet de recyclage des textiles"
            for question in event.questions.filter(required=True)
        }
        registration.register(event=event, profile=profile, answers=answers, notify=False)
    return event


def _organisers(index: EventIndexPage) -> None:
    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.get_or_create(
        group=group,
        page=index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    organiser = get_user_model().objects.filter(email=ORGANISER_EMAIL).first()
    if organiser is not None:
        organiser.groups.add(group)


def load(*, stdout, style, **options):
    home = HomePage.objects.first()
    if home is None:
        return
    people = list(
        Profile.objects.filter(user__isnull=False, user__is_active=True).order_by("pk")[:40]
    )
    clubs = list(Club.objects.active().order_by("pk")[:3])
    with transaction.atomic():
        index = _index(home)
        created = [
            event
            for spec in _events() + _club_events(clubs)
            if (event := _event(index, spec, people)) is not None
        ]
        review_workflow()
        _organisers(index)
    if created:
        stdout.write(style.SUCCESS(f"{len(created)} demo events under /{index.slug}/."))
    else:
        stdout.write("Demo events already loaded.")
