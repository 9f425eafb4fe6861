"""Demo newsroom: a dozen stories, the Alter Ego series with three episodes, a review workflow.

Everything is local (a few seconds of video, WebVTT captions, generated images) so the demo
plays offline and loads in a few seconds. Running it again keeps what exists.
"""

from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import HomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage, VideoEpisodePage, VideoSeriesPage

MEDIA_DIR = Path(__file__).resolve().parent / "demo_media"

CATEGORIES = [
    ("Partenariats", "partenariats", "La ville, les entreprises et les associations avec nous."),
    ("International", "international", "Mobilité, accueil des étudiants étrangers, coopérations."),
    ("Vie étudiante", "vie-etudiante", "Clubs, associations, sport et culture sur les campus."),
    ("Recherche", "recherche", "Résultats, prix et projets des laboratoires."),
    ("Diplômés", "diplomes", "Parcours et rencontres des anciens."),
]

IMAGES = [
    (
        "Façade de l’hôtel de ville",
        "La façade de briques de l’hôtel de ville de Lille et son beffroi.",
        "#1d3f8f",
    ),
    (
        "Étudiants sur le campus",
        "Des étudiants de plusieurs pays discutent sur la pelouse du campus.",
        "#b03a0b",
    ),
    (
        "Laboratoire",
        "Une chercheuse observe un échantillon au microscope dans un laboratoire.",
        "#1b6b35",
    ),
    ("Amphithéâtre", "Un amphithéâtre plein lors d’une conférence du soir.", "#4a5160"),
]


def _paragraph(*texts):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in texts))]


STORIES = [
    {
        "slug": "partenariat-ville-de-lille",
        "title": "La Ville de Lille et l’université signent un partenariat pour cinq ans",
        "days_ago": 2,
        "summary": "Énergie, mobilités, alimentation, patrimoine : la ville ouvre ses chantiers "
        "aux 64 unités de recherche et propose stages et apprentissages aux étudiants.",
        "image": 0,
        "categories": ["partenariats"],
        "tags": ["Lille", "partenariat", "stages"],
        "authors": [("Claire Dumont", "service communication")],
        "body": [
            *_paragraph(
                "La convention signée à l’hôtel de ville prévoit des groupes de travail "
                "bipartites sur la transition énergétique, les mobilités et l’économie "
                "circulaire.",
                "Chaque année, la ville accueillera des stagiaires et des apprentis issus de "
                "toutes les facultés.",
            ),
            (
                "key_figures",
                {
                    "figures": [
                        {"figure": "5", "label": "ans de coopération"},
                        {"figure": "64", "label": "unités de recherche mobilisées"},
                        {"figure": "120", "label": "stages proposés chaque année"},
                    ]
                },
            ),
            (
                "quote",
                {
                    "text": "La ville est un formidable terrain d’études pour nos chercheurs.",
                    "attribution": "La présidente de l’université",
                },
            ),
            (
                "related_links",
                {
                    "heading": "Pour aller plus loin",
                    "links": [
                        {"title": "Le site de la Ville de Lille", "url": "https://www.lille.fr/"}
                    ],
                },
            ),
        ],
    },
    {
        "slug": "semaine-internationale-des-etudiants",
        "title": "Semaine internationale des étudiants : 3 000 nouveaux venus accueillis",
        "days_ago": 9,
        "summary": "Visites de la ville, forum des associations et dîner du monde : une semaine "
        "pour que les étudiants étrangers trouvent leurs repères.",
        "image": 1,
        "categories": ["international", "vie-etudiante"],
        "tags": ["international", "accueil", "Lille"],
        "authors": [("Ana Costa", "direction des relations internationales")],
        "body": _paragraph(
            "Du 15 au 21 septembre, la Semaine internationale des étudiants a réuni près de "
            "3 000 étudiants venus de 110 pays.",
            "Les diplômés du réseau ont parrainé plus de 400 nouveaux arrivants.",
        ),
    },
    {
        "slug": "nouveau-club-biotech",
        "title": "Un club Biotech pour les diplômés des sciences du vivant",
        "days_ago": 14,
        "summary": "Créé avec le service des diplômés, le club réunit chercheurs, "
        "entrepreneurs et étudiants autour des biotechnologies.",
        "image": 2,
        "categories": ["diplomes", "vie-etudiante"],
        "tags": ["clubs", "biotechnologies"],
        "authors": [("Hugo Lambert", "service des diplômés")],
        "body": _paragraph(
            "Le club Biotech organisera une rencontre par trimestre, alternant visites de "
            "laboratoires et conférences de diplômés.",
            "Tout membre du réseau peut le rejoindre depuis son espace personnel.",
        ),
    },
    {
        "slug": "resultat-recherche-batteries",
        "title": "Des batteries au sodium plus durables, une avancée de nos chimistes",
        "days_ago": 21,
        "summary": "Une équipe de l’unité de catalyse publie un électrolyte qui double la durée "
        "de vie des batteries au sodium.",
        "image": 2,
        "categories": ["recherche"],
        "tags": ["recherche", "énergie"],
        "authors": [("Claire Dumont", "service communication")],
        "body": _paragraph(
            "Les travaux, publiés ce mois-ci, ouvrent la voie à un stockage de l’énergie sans "
            "lithium pour les réseaux urbains.",
            "Un brevet a été déposé avec un partenaire industriel de la région.",
        ),
    },
    {
        "slug": "fete-de-la-science",
        "title": "Fête de la science : les laboratoires ouvrent leurs portes",
        "days_ago": 28,
        "summary": "Expériences, démonstrations et rencontres avec les chercheurs pour petits et "
        "grands pendant tout un week-end.",
        "image": 3,
        "categories": ["recherche"],
        "tags": ["culture scientifique", "Lille"],
        "authors": [],
        "body": _paragraph(
            "Plus de quarante ateliers sont proposés sur les trois campus, en lien avec la ville."
        ),
    },
    {
        "slug": "mentorat-femmes-scientifiques",
        "title": "Des femmes scientifiques mentorent les lycéennes",
        "days_ago": 35,
        "summary": "Trente chercheuses et ingénieures diplômées accompagnent des lycéennes de la "
        "métropole dans leur choix d’études.",
        "image": 3,
        "categories": ["partenariats", "diplomes"],
        "tags": ["mentorat", "égalité"],
        "authors": [("Inès Moreau", "mission égalité")],
        "body": _paragraph(
            "Le programme, soutenu par la ville, propose un rendez-vous mensuel et une "
            "immersion d’une journée en laboratoire."
        ),
    },
    {
        "slug": "forum-stages-alternance",
        "title": "Forum des stages et de l’alternance : 150 entreprises au rendez-vous",
        "days_ago": 42,
        "summary": "Entreprises, associations et administrations rencontrent les étudiants "
        "pour des stages, des alternances et des premiers emplois.",
        "image": 1,
        "categories": ["partenariats"],
        "tags": ["stages", "emploi"],
        "authors": [("Hugo Lambert", "service des diplômés")],
        "body": _paragraph(
            "Les offres présentées au forum restent publiées sur la plateforme pendant un mois."
        ),
    },
    {
        "slug": "prix-these-histoire",
        "title": "Un prix national pour une thèse d’histoire du textile",
        "days_ago": 50,
        "summary": "Docteure de l’université, Margaux Leroy est récompensée pour ses travaux sur "
        "les ouvrières du textile roubaisien.",
        "image": 3,
        "categories": ["recherche", "diplomes"],
        "tags": ["recherche", "patrimoine"],
        "authors": [],
        "body": _paragraph("Sa thèse sera publiée l’an prochain aux presses universitaires."),
    },
    {
        "slug": "diplomes-a-montreal",
        "title": "Le club des diplômés de Montréal fête ses dix ans",
        "days_ago": 58,
        "summary": "Deux cents anciens installés au Québec se retrouvent chaque mois ; le club "
        "accueille aussi les étudiants en mobilité.",
        "image": 1,
        "categories": ["international", "diplomes"],
        "tags": ["clubs", "international"],
        "authors": [("Ana Costa", "direction des relations internationales")],
        "body": _paragraph("Une soirée anniversaire aura lieu en novembre au consulat."),
    },
    {
        "slug": "restaurant-universitaire-local",
        "title": "Au restaurant universitaire, 60 % de produits locaux",
        "days_ago": 66,
        "summary": "Les producteurs de la métropole fournissent désormais la majorité des repas "
        "servis sur le campus principal.",
        "image": 1,
        "categories": ["vie-etudiante", "partenariats"],
        "tags": ["alimentation", "Lille"],
        "authors": [],
        "body": _paragraph("Le projet est suivi par une équipe de sociologues de l’alimentation."),
    },
    {
        "slug": "formation-continue-numerique",
        "title": "Formation continue : un certificat en transformation numérique",
        "days_ago": 75,
        "summary": "Pour les salariés des entreprises et des collectivités, un certificat en "
        "soirée et en ligne ouvre en janvier.",
        "image": 3,
        "categories": ["partenariats"],
        "tags": ["formation continue", "numérique"],
        "authors": [("Inès Moreau", "service de la formation continue")],
        "body": _paragraph("Les candidatures sont ouvertes jusqu’au 15 décembre."),
    },
    {
        "slug": "campus-sans-voiture",
        "title": "Une journée sans voiture sur le campus scientifique",
        "days_ago": 83,
        "summary": "Vélos, navettes et covoiturage : les mobilités douces à l’essai, "
        "en lien avec la métropole.",
        "image": 0,
        "categories": ["vie-etudiante"],
        "tags": ["mobilités", "Lille"],
        "authors": [],
        "body": _paragraph("Un questionnaire permettra de mesurer les habitudes de déplacement."),
    },
]

EPISODES = [
    {
        "slug": "camille-et-jean",
        "title": "Camille et Jean : la chimie, une histoire de feu",
        "theme": "La vocation",
        "summary": "Camille, chercheuse, retrouve l’enseignant dont les travaux pratiques ont "
        "décidé de sa carrière.",
        "people": [
            ("Camille Lefebvre", "diplômée du master de chimie, promotion 2012"),
            ("Jean Delattre", "enseignant à la faculté des sciences"),
        ],
        "captions": "camille-et-jean.vtt",
        "days_ago": 5,
        "recorded_days_ago": 40,
    },
    {
        "slug": "sofia-et-marc",
        "title": "Sofia et Marc : le droit, c’est d’abord écouter",
        "theme": "La transmission",
        "summary": "Avocate au barreau de Lille, Sofia remercie le professeur qui lui a appris à "
        "écouter avant de plaider.",
        "people": [
            ("Sofia Benali", "diplômée de la faculté de droit, promotion 2008"),
            ("Marc Vandamme", "professeur de droit privé"),
        ],
        "captions": "sofia-et-marc.vtt",
        "days_ago": 33,
        "recorded_days_ago": 70,
    },
    {
        "slug": "lea-et-nadia",
        "title": "Léa et Nadia : le jardin partagé",
        "theme": "L’engagement",
        "summary": "Léa avait fondé un jardin sur le campus ; Nadia, jardinière de l’université, "
        "l’a fait grandir.",
        "people": [
            ("Léa Martin", "diplômée de géographie, promotion 2016"),
            ("Nadia Haddad", "jardinière au service des espaces verts"),
        ],
        "captions": "lea-et-nadia.vtt",
        "days_ago": 61,
        "recorded_days_ago": 90,
    },
]


def load(*, stdout, style, **options):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("No home page: the newsroom needs the site's demo content first.")
        return
    with transaction.atomic():
        categories = {slug: _category(name, slug, text) for name, slug, text in CATEGORIES}
        images = [_image(title, description, colour) for title, description, colour in IMAGES]
        index = _news_index(home)
        for spec in STORIES:
            _story(index, spec, categories, images)
        if index.featured_story_id is None:
            index.featured_story = NewsPage.objects.child_of(index).get(slug=STORIES[0]["slug"])
            index.save_revision().publish()
        series = _series(home)
        video = _document("Alter Ego — extrait", "alter-ego.webm")
        poster = _image_file(
            "Alter Ego — affiche",
            "Deux fauteuils face à face sur un plateau de tournage.",
            "alter-ego-poster.png",
        )
        for spec in EPISODES:
            _episode(series, spec, video, poster)
        _relate("nouveau-club-biotech", VideoEpisodePage.objects.get(slug="camille-et-jean"))
        _relate("mentorat-femmes-scientifiques", NewsPage.objects.get(slug="fete-de-la-science"))
        _review_workflow(index)
    stdout.write(
        f"  {NewsPage.objects.count()} news stories, "
        f"{VideoEpisodePage.objects.count()} Alter Ego episodes"
    )


def _category(name, slug, description):
    category, _ = NewsCategory.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description}
    )
    return category


def _image(title, description, colour):
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PillowImage.new("RGB", (1280, 720), colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((80, 80, 1200, 640), outline="white", width=12)
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    return image_model.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"),
    )


def _image_file(title, description, filename):
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    with open(MEDIA_DIR / filename, "rb") as handle:
        return image_model.objects.create(
            title=title, description=description, file=ImageFile(handle, name=filename)
        )


def _document(title, filename):
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing:
        return existing
    document = document_model(title=title)
    document.file.save(filename, ContentFile((MEDIA_DIR / filename).read_bytes()), save=False)
    document.save()
    return document


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _news_index(home):
    index = NewsIndexPage.objects.child_of(home).first()
    if index:
        return index
    return _publish(
        home,
        NewsIndexPage(
            title="Actualités",
            slug="news",
            show_in_menus=True,
            introduction="La vie de l’université, de ses laboratoires, de ses diplômés et de "
            "ses partenaires.",
        ),
    )


def _story(index, spec, categories, images):
    if NewsPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return
    page = NewsPage(
        title=spec["title"],
        slug=spec["slug"],
        date=timezone.localdate() - timedelta(days=spec["days_ago"]),
        summary=spec["summary"],
        hero_image=images[spec["image"]],
        body=spec["body"],
    )
    page.categories = [categories[slug] for slug in spec["categories"]]
    page.tags.add(*spec["tags"])
    for name, role in spec["authors"]:
        page.authors.add(page.authors.model(name=name, role=role))
    _publish(index, page)


def _relate(slug, related):
    story = NewsPage.objects.get(slug=slug)
    if story.related_pages.exists():
        return
    story.related_pages.add(story.related_pages.model(related_page=related))
    story.save_revision().publish()


def _series(home):
    series = VideoSeriesPage.objects.child_of(home).first()
    if series:
        return series
    return _publish(
        home,
        VideoSeriesPage(
            title="Alter Ego",
            slug="videos",
            show_in_menus=True,
            introduction="Un diplômé et un membre du personnel qui a compté pour lui se "
            "retrouvent autour d’un thème. Chaque épisode est sous-titré et transcrit.",
        ),
    )


def _episode(series, spec, video, poster):
    if VideoEpisodePage.objects.child_of(series).filter(slug=spec["slug"]).exists():
        return
    captions = _document(f"Sous-titres — {spec['title']}", spec["captions"])
    descriptions = _document(
        f"Audiodescription — {spec['title']}", spec["captions"].replace(".vtt", ".descriptions.vtt")
    )
    lines = [
        line.removeprefix("<v ").replace(">", " : ", 1)
        for line in (MEDIA_DIR / spec["captions"]).read_text().splitlines()
        if line.startswith("<v ")
    ]
    today = timezone.localdate()
    page = VideoEpisodePage(
        title=spec["title"],
        slug=spec["slug"],
        date=today - timedelta(days=spec["days_ago"]),
        theme=spec["theme"],
        summary=spec["summary"],
        video=video,
        captions=captions,
        audio_description=descriptions,
        poster_image=poster,
        duration=timedelta(seconds=8),
        recording_date=today - timedelta(days=spec["recorded_days_ago"]),
        transcript="".join(f"<p>{line}</p>" for line in lines),
    )
    for name, role in spec["people"]:
        page.people.add(page.people.model(name=name, role=role))
    _publish(series, page)


def _review_workflow(index):
    """Contributors (a club leader, a laboratory) submit stories; the newsroom approves them."""
    contributors, _ = Group.objects.get_or_create(name="Contributeurs des actualités")
    contributors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=contributors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    newsroom, _ = Group.objects.get_or_create(name="Moderators")
    workflow, created = Workflow.objects.get_or_create(name="Relecture des contributions")
    if created:
        task = GroupApprovalTask.objects.create(name="Validation par la rédaction")
        task.groups.set([newsroom])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
