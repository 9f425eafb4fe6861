"""Demo members and organisations: about 200 people and 40 partners, in French.

Fast (bulk inserts) and idempotent: a second run adds nothing. Every demo account's
e-mail address is verified, so that signing in does not stop at the confirmation.
Three of them have a password, printed when they are created (and renewed with
``--reset-admin-password``): a member, a club leader (``clubs.demo``) and an event
organiser (``events.demo``), to try the site as each. The others have none; the
demo administrator gets a profile and a few requests.
"""

import random
import secrets
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from members.archives import importer
from members.models import (
    ArchiveImport,
    Connection,
    ConnectionStatus,
    Education,
    Experience,
    ExpertiseDomain,
    Organisation,
    OrganisationContact,
    Profile,
    ProfileExpertise,
    ProfileKind,
)
from members.visibility import SECTIONS, Visibility

DEMO_DOMAIN = "demo.cercle.example.org"
MEMBER_COUNT = 170
# A sample of the graduate archives, with faulty rows (benchmarks.graduates wrote it).
GRADUATES_FILE = Path(__file__).parent / "data" / "graduates-demo.csv"

MEMBER_EMAIL = f"lea.martin@{DEMO_DOMAIN}"
LEADER_EMAIL = f"samir.haddad@{DEMO_DOMAIN}"
ORGANISER_EMAIL = f"ines.benali@{DEMO_DOMAIN}"
# The first demo people: those who sign in to try the site.
NAMED_ACCOUNTS = (
    ("Léa", "Martin", MEMBER_EMAIL),
    ("Samir", "Haddad", LEADER_EMAIL),
    ("Inès", "Benali", ORGANISER_EMAIL),
)

FIRST_NAMES = (
    "Camille Léa Manon Chloé Inès Sarah Jade Louise Emma Zoé Juliette Lucie Anaïs Clara Margaux "
    "Nadia Fatou Yasmine Mélanie Élodie Aurélie Hélène Claire Sophie Amandine Océane Salomé "
    "Lucas Hugo Théo Nathan Louis Mathis Antoine Maxime Julien Thomas Romain Nicolas Mehdi "
    "Karim Samir Bastien Guillaume Quentin Alexandre Baptiste Florian Kévin Arthur Jules Paul"
).split()
LAST_NAMES = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre "
    "Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc "
    "Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez "
    "Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Benali "
    "Haddad Diallo Traoré Delattre Vandenberghe Deschamps Wattel Lecomte Carpentier"
).split()

FACULTIES = {
    "Faculté d’économie, sciences sociales et gestion": [
        ("Licence Économie et gestion", "Licence", "Économie"),
        ("Master Économie appliquée", "Master", "Économie"),
        ("Master Management de l’innovation", "Master", "Gestion"),
    ],
    "Faculté des sciences et technologies": [
        ("Licence Informatique", "Licence", "Informatique"),
        ("Master Science des données", "Master", "Informatique"),
        ("Master Biologie-santé", "Master", "Biologie"),
        ("Doctorat Chimie des matériaux", "Doctorat", "Chimie"),
    ],
    "Faculté des humanités": [
        ("Licence Histoire", "Licence", "Histoire"),
        ("Master Patrimoine et musées", "Master", "Histoire de l’art"),
        ("Master Lettres modernes", "Master", "Lettres"),
    ],
    "Faculté de droit": [
        ("Licence Droit", "Licence", "Droit"),
        ("Master Droit de l’environnement", "Master", "Droit"),
    ],
    "Faculté des langues, cultures et sociétés": [
        ("Licence LEA anglais-espagnol", "Licence", "Langues étrangères appliquées"),
        ("Master Traduction spécialisée", "Master", "Langues"),
    ],
    "IUT": [
        ("BUT Génie civil", "BUT", "Génie civil"),
        ("BUT Gestion logistique et transport", "BUT", "Logistique"),
    ],
}

PLACES = [
    ("Lille", "FR", 50.6292, 3.0573),
    ("Lille", "FR", 50.6292, 3.0573),
    ("Lille", "FR", 50.6292, 3.0573),
    ("Villeneuve-d’Ascq", "FR", 50.6233, 3.1450),
    ("Roubaix", "FR", 50.6942, 3.1746),
    ("Tourcoing", "FR", 50.7239, 3.1612),
    ("Arras", "FR", 50.2910, 2.7775),
    ("Valenciennes", "FR", 50.3570, 3.5235),
    ("Dunkerque", "FR", 51.0344, 2.3768),
    ("Amiens", "FR", 49.8941, 2.2958),
    ("Paris", "FR", 48.8566, 2.3522),
    ("Paris", "FR", 48.8566, 2.3522),
    ("Lyon", "FR", 45.7640, 4.8357),
    ("Nantes", "FR", 47.2184, -1.5536),
    ("Bruxelles", "BE", 50.8503, 4.3517),
    ("Gand", "BE", 51.0543, 3.7174),
    ("Londres", "GB", 51.5072, -0.1276),
    ("Berlin", "DE", 52.5200, 13.4050),
    ("Barcelone", "ES", 41.3874, 2.1686),
    ("Montréal", "CA", 45.5019, -73.5674),
    ("Dakar", "SN", 14.7167, -17.4677),
    ("Casablanca", "MA", 33.5731, -7.5898),
    ("Tokyo", "JP", 35.6762, 139.6503),
    ("New York", "US", 40.7128, -74.0060),
]

ORGANISATIONS = [
    ("Métropole européenne de Lille", "local_authority", "public", "5000+", "Lille"),
    ("Ville de Roubaix", "local_authority", "public", "250-4999", "Roubaix"),
    ("Région Hauts-de-France", "local_authority", "public", "5000+", "Lille"),
    ("Communauté urbaine de Dunkerque", "local_authority", "public", "250-4999", "Dunkerque"),
    ("Préfecture du Nord", "administration", "public", "250-4999", "Lille"),
    ("Rectorat de l’académie de Lille", "administration", "education", "250-4999", "Lille"),
    ("Centre hospitalier régional de Lille", "administration", "health", "5000+", "Lille"),
    ("Agence régionale de santé", "administration", "health", "250-4999", "Lille"),
    ("Archives départementales du Nord", "administration", "arts", "50-249", "Lille"),
    ("Nordéa Énergies", "company", "energy", "250-4999", "Lille"),
    ("Hélios Solaire", "company", "energy", "50-249", "Arras"),
    ("Datavers", "company", "digital", "50-249", "Lille"),
    ("Pixel Nord", "company", "digital", "10-49", "Roubaix"),
    ("Code & Brique", "company", "digital", "10-49", "Villeneuve-d’Ascq"),
    ("Logiflandres", "company", "transport", "250-4999", "Dunkerque"),
    ("Transports du Littoral", "company", "transport", "250-4999", "Dunkerque"),
    ("Banque du Beffroi", "company", "banking", "5000+", "Lille"),
    ("Mutuelle des Flandres", "company", "banking", "250-4999", "Lille"),
    ("Cabinet Delcourt Avocats", "company", "law", "10-49", "Lille"),
    ("Audit & Conseil Vauban", "company", "consulting", "50-249", "Lille"),
    ("Textiles de la Lys", "company", "industry", "250-4999", "Tourcoing"),
    ("Verrerie d’Arques Nord", "company", "industry", "5000+", "Arras"),
    ("Biolys Pharma", "company", "health", "250-4999", "Lille"),
    ("Terres de Flandre", "company", "agriculture", "50-249", "Arras"),
    ("Brasserie des Trois Monts", "company", "agriculture", "10-49", "Valenciennes"),
    ("Bâtir Nord Habitat", "company", "construction", "250-4999", "Valenciennes"),
    ("La Voix des Quartiers", "company", "media", "10-49", "Roubaix"),
    ("Maison d’édition L’Estaminet", "company", "media", "1-9", "Lille"),
    ("Librairie Le Furet", "company", "retail", "50-249", "Lille"),
    ("Euralogistique Bruxelles", "company", "transport", "50-249", "Bruxelles"),
    ("Atelier Lumen Montréal", "company", "digital", "10-49", "Montréal"),
    ("Association Les Petits Débrouillards Nord", "association", "education", "10-49", "Lille"),
    ("Fédération des Centres sociaux du Nord", "association", "nonprofit", "50-249", "Lille"),
    ("Banque alimentaire du Nord", "association", "nonprofit", "10-49", "Lille"),
    ("Réseau Entreprendre Nord", "association", "consulting", "10-49", "Lille"),
    ("Les Amis du Musée de la Piscine", "association", "arts", "1-9", "Roubaix"),
    ("Compagnie de théâtre La Belle Histoire", "association", "arts", "1-9", "Lille"),
    ("Femmes et Sciences Hauts-de-France", "association", "education", "1-9", "Lille"),
    ("Repair Café Métropole", "association", "nonprofit", "1-9", "Villeneuve-d’Ascq"),
    ("Club Sportif Universitaire", "association", "nonprofit", "10-49", "Villeneuve-d’Ascq"),
]

ROLES = {
    "public": ["Chargée de mission mobilité", "Chef de projet transition énergétique", "Juriste"],
    "education": ["Médiatrice scientifique", "Professeur certifié", "Ingénieure pédagogique"],
    "health": ["Pharmacienne", "Biostatisticien", "Attachée de recherche clinique"],
    "arts": ["Chargée des collections", "Médiateur culturel", "Régisseuse"],
    "energy": ["Ingénieur énergie", "Responsable RSE", "Cheffe de projet éolien"],
    "digital": ["Développeuse Python", "Data scientist", "Product manager", "Designer UX"],
    "transport": ["Responsable logistique", "Analyste supply chain", "Chef de quai"],
    "banking": ["Analyste crédit", "Conseiller patrimonial", "Auditrice interne"],
    "law": ["Avocate", "Juriste d’affaires", "Collaborateur"],
    "consulting": ["Consultante", "Auditeur", "Chargé d’affaires"],
    "industry": ["Ingénieure qualité", "Responsable de production", "Acheteur"],
    "agriculture": ["Ingénieur agronome", "Brasseuse", "Responsable commerciale"],
    "construction": ["Conductrice de travaux", "Urbaniste", "Économiste de la construction"],
    "media": ["Journaliste", "Éditrice", "Chargé de communication"],
    "retail": ["Libraire", "Responsable de magasin", "Chef de rayon"],
    "nonprofit": ["Coordinatrice bénévoles", "Directeur", "Animatrice"],
}

EXPERTISE = [
    "économie circulaire",
    "mobilité durable",
    "transition énergétique",
    "alimentation",
    "patrimoine",
    "science des données",
    "intelligence artificielle",
    "droit de l’environnement",
    "santé publique",
    "biotechnologies",
    "urbanisme",
    "logistique",
    "médiation scientifique",
    "gestion de projet",
    "finance durable",
    "traduction",
    "design de services",
    "entrepreneuriat",
    "égalité femmes-hommes",
    "éducation populaire",
    "chimie verte",
    "cybersécurité",
    "muséologie",
    "marketing digital",
]

LANGUAGES = [
    "français",
    "français, anglais",
    "français, anglais, espagnol",
    "français, néerlandais",
]

HEADLINES = [
    "{role} chez {employer}",
    "{role}, diplômé·e {year}",
    "{role} — j’aime transmettre",
    "{role}, en veille sur {domain}",
]

BIOGRAPHIES = [
    "Après mes études en {programme}, j’ai rejoint {employer}. Je reste attaché·e à "
    "l’université et j’accompagne volontiers les étudiantes et étudiants qui découvrent le métier.",
    "Passionné·e par {domain}, je partage mon expérience lors des rencontres du réseau et "
    "je cherche des partenaires pour des projets associatifs.",
    "Diplômé·e en {year}, j’ai travaillé en France et à l’étranger. Je peux parler de "
    "mon parcours à qui envisage une reconversion.",
]


def load(*, stdout, style, reset_admin_password=False, **options):
    if Profile.objects.filter(user__email__endswith="@" + DEMO_DOMAIN).exists():
        stdout.write("Demo members already loaded.")
        _verify_addresses()
        if reset_admin_password:
            _print_named_accounts(stdout, style, _give_named_accounts_a_password())
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    with transaction.atomic():
        organisations = _organisations()
        domains = _expertise_domains()
        profiles = _members(rng, organisations, domains)
        archives = _graduate_archives()
        _administrator_profile(rng, profiles)
        _connections(rng, profiles)
        _verify_addresses()
        password = _give_named_accounts_a_password()
    stdout.write(
        style.SUCCESS(
            f"{len(profiles)} demo members, {archives.created} graduate-archive records "
            f"({archives.rejected} faulty rows in the import's report) and "
            f"{len(organisations)} organisations."
        )
    )
    _print_named_accounts(stdout, style, password)


def _verify_addresses() -> None:
    from allauth.account.models import EmailAddress

    users = get_user_model().objects.filter(email__endswith="@" + DEMO_DOMAIN)
    EmailAddress.objects.filter(user__in=users).update(verified=True)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users.filter(emailaddress=None)
    )


def _give_named_accounts_a_password() -> str:
    password = secrets.token_urlsafe(12)
    for user in get_user_model().objects.filter(email__in=[e for _, _, e in NAMED_ACCOUNTS]):
        user.set_password(password)
        user.save(update_fields=["password"])
    return password


def _print_named_accounts(stdout, style, password: str) -> None:
    stdout.write(style.SUCCESS("Demo accounts to try the site (sign in at /accounts/login/):"))
    for label, email in (
        ("member", MEMBER_EMAIL),
        ("club leader", LEADER_EMAIL),
        ("event organiser", ORGANISER_EMAIL),
    ):
        stdout.write(f"  {label + ':':17} {email}")
    stdout.write(f"  password:         {password}")


def _organisations() -> list[Organisation]:
    existing = set(Organisation.objects.values_list("slug", flat=True))
    coordinates = {city: (lat, lon, country) for city, country, lat, lon in PLACES}
    new = []
    for name, kind, sector, size, city in ORGANISATIONS:
        slug = slugify(name)
        if slug in existing:
            continue
        lat, lon, country = coordinates.get(city, (50.6292, 3.0573, "FR"))
        new.append(
            Organisation(
                name=name,
                slug=slug,
                kind=kind,
                sector=sector,
                size=size,
                city=city,
                country=country,
                latitude=lat,
                longitude=lon,
                address=f"{10 + len(new)} rue de la République\n{city}",
                website=f"https://www.{slug}.example.org/",
                description=f"{name} travaille avec l’université : stages, alternance, "
                "projets tutorés et interventions dans les formations.",
            )
        )
    Organisation.objects.bulk_create(new)
    return list(Organisation.objects.filter(slug__in=[slugify(o[0]) for o in ORGANISATIONS]))


def _expertise_domains() -> list[ExpertiseDomain]:
    existing = set(ExpertiseDomain.objects.values_list("name", flat=True))
    ExpertiseDomain.objects.bulk_create(
        [
            ExpertiseDomain(name=name, slug=slugify(name))
            for name in EXPERTISE
            if name not in existing
        ]
    )
    return list(ExpertiseDomain.objects.filter(name__in=EXPERTISE))


def _visibility(rng) -> str:
    return rng.choices(
        [Visibility.MEMBERS, Visibility.PUBLIC, Visibility.PRIVATE], weights=[6, 3, 1]
    )[0]


def _members(rng, organisations, domains) -> list[Profile]:
    user_model = get_user_model()
    unusable = make_password(None)
    people = []
    for number in range(MEMBER_COUNT):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{slugify(first)}.{slugify(last)}.{number}@{DEMO_DOMAIN}"
        if number < len(NAMED_ACCOUNTS):
            first, last, email = NAMED_ACCOUNTS[number]
        people.append((first, last, email))
    # Accounts left by an earlier, interrupted load are reused.
    existing = {
        user.email: user
        for user in user_model.objects.filter(email__endswith="@" + DEMO_DOMAIN, profile=None)
    }
    user_model.objects.bulk_create(
        [
            user_model(email=email, first_name=first, last_name=last, password=unusable)
            for first, last, email in people
            if email not in existing
        ]
    )
    by_email = {
        user.email: user
        for user in user_model.objects.filter(email__in=[email for _, _, email in people])
    }
    users = [by_email[email] for _, _, email in people]
    faculties = list(FACULTIES.items())
    profiles, plans = [], []
    for user in users:
        kind = rng.choices(
            [ProfileKind.ALUMNUS, ProfileKind.STUDENT, ProfileKind.STAFF, ProfileKind.PARTNER],
            weights=[60, 20, 8, 12],
        )[0]
        faculty, programmes = rng.choice(faculties)
        programme, degree, discipline = rng.choice(programmes)
        end_year = (
            rng.randint(2026, 2028) if kind == ProfileKind.STUDENT else rng.randint(1995, 2025)
        )
        organisation = rng.choice(organisations)
        role = rng.choice(ROLES[organisation.sector])
        city, country, lat, lon = rng.choice(PLACES)
        domain_names = rng.sample(domains, k=rng.randint(1, 4))
        context = {
            "role": role,
            "employer": organisation.name,
            "year": end_year,
            "domain": domain_names[0].name,
            "programme": programme,
        }
        profile = Profile(
            user=user,
            kind=kind,
            first_name=user.first_name,
            last_name=user.last_name,
            headline=rng.choice(HEADLINES).format(**context),
            biography=rng.choice(BIOGRAPHIES).format(**context),
            city=city,
            country=country,
            latitude=lat,
            longitude=lon,
            contact_email=user.email,
            phone=f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
            linkedin=f"https://www.linkedin.com/in/{slugify(user.first_name)}-"
            f"{slugify(user.last_name)}-{user.pk}",
            languages=rng.choice(LANGUAGES),
            open_to_opportunities=rng.random() < 0.3,
            hiring=kind != ProfileKind.STUDENT and rng.random() < 0.15,
            volunteer_mentor=kind != ProfileKind.STUDENT and rng.random() < 0.25,
            listed_publicly=rng.random() < 0.4,
            claimed_at=timezone.now(),
            **{section.visibility_field: _visibility(rng) for section in SECTIONS.values()},
        )
        profiles.append(profile)
        plans.append(
            (faculty, programme, degree, discipline, end_year, organisation, role, domain_names)
        )
    Profile.objects.bulk_create(profiles)

    education, experience, expertise, contacts = [], [], [], []
    for profile, plan in zip(profiles, plans, strict=True):
        faculty, programme, degree, discipline, end_year, organisation, role, domain_names = plan
        length = {"Licence": 3, "Master": 2, "Doctorat": 3, "BUT": 3}.get(degree, 2)
        education.append(
            Education(
                profile=profile,
                programme=programme,
                degree=degree,
                discipline=discipline,
                faculty=faculty,
                start_year=end_year - length,
                end_year=end_year,
            )
        )
        if profile.kind != ProfileKind.STUDENT:
            start = date(min(end_year, 2025), rng.randint(1, 12), 1)
            experience.append(
                Experience(
                    profile=profile,
                    organisation=organisation,
                    role=role,
                    sector=organisation.sector,
                    start_date=start,
                )
            )
            if profile.kind == ProfileKind.PARTNER:
                contacts.append(
                    OrganisationContact(organisation=organisation, profile=profile, role=role)
                )
        expertise.extend(ProfileExpertise(content_object=profile, tag=tag) for tag in domain_names)
    Education.objects.bulk_create(education)
    Experience.objects.bulk_create(experience)
    ProfileExpertise.objects.bulk_create(expertise)
    OrganisationContact.objects.bulk_create(contacts, ignore_conflicts=True)
    return profiles


def _graduate_archives() -> ArchiveImport:
    """The sample file of the graduate archives, imported as staff would: its faulty
    rows stay in the import's report."""
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    archive_import = importer.start(GRADUATES_FILE, user=admin)
    return importer.run(archive_import, GRADUATES_FILE)


def _administrator_profile(rng, profiles) -> None:
    from home.demo import ADMIN_EMAIL

    admin = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
    if admin is None or Profile.objects.filter(user=admin).exists():
        return
    profile = Profile.objects.create(
        user=admin,
        kind=ProfileKind.STAFF,
        first_name=admin.first_name or "Alex",
        last_name=admin.last_name or "Admin",
        headline="Responsable du réseau des diplômés",
        city="Lille",
        country="FR",
    )
    for requester in rng.sample(profiles, k=3):
        Connection.objects.create(requester=requester, addressee=profile)


def _connections(rng, profiles) -> None:
    pairs = set()
    connections = []
    now = timezone.now()
    while len(connections) < 300:
        one, other = rng.sample(profiles, k=2)
        key = (min(one.pk, other.pk), max(one.pk, other.pk))
        if key in pairs:
            continue
        pairs.add(key)
        status = rng.choices(
            [ConnectionStatus.ACCEPTED, ConnectionStatus.PENDING, ConnectionStatus.DECLINED],
            weights=[7, 2, 1],
        )[0]
        connections.append(
            Connection(
                requester=one,
                addressee=other,
                status=status,
                responded_at=None if status == ConnectionStatus.PENDING else now,
            )
        )
    Connection.objects.bulk_create(connections)
