"""Demo content of the site itself: the page tree, the institution, an administrator."""

import secrets
from datetime import date

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from config.links import site_host, site_port
from home.models import (
    AccessibilityStatementPage,
    ConformanceStatus,
    HomePage,
    InstitutionSettings,
    StandardPage,
)

ADMIN_EMAIL = "admin@cercle.example.org"

STANDARD_PAGES = [
    {
        "slug": "a-propos",
        "title": "À propos",
        "show_in_menus": True,
        "introduction": "Cercle réunit l'université, ses diplômés, ses étudiants, ses personnels "
        "et ses partenaires.",
        "body": [
            ("heading", {"text": "Un réseau pour toute l'université", "level": "h2"}),
            (
                "paragraph",
                "<p>Entreprises, associations, administrations et collectivités y trouvent "
                "l'expertise de nos laboratoires, des stagiaires et de futurs collègues. "
                "Les diplômés y retrouvent leur promotion, rejoignent un club et suivent "
                "la vie de l'université.</p>",
            ),
            (
                "quote",
                {
                    "text": "Le réseau m'a permis de retrouver la professeure qui m'a donné le "
                    "goût de la recherche.",
                    "attribution": "Camille, master de biologie, promotion 2012",
                },
            ),
        ],
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "show_in_menus": False,
        "introduction": "Éditeur du site, hébergement et traitement des données personnelles.",
        "body": [
            ("heading", {"text": "Éditeur", "level": "h2"}),
            (
                "paragraph",
                "<p>Ce site est édité par le service des relations avec les diplômés de "
                "l'université. Directeur de la publication : le président de l'université.</p>",
            ),
            ("heading", {"text": "Données personnelles", "level": "h2"}),
            (
                "paragraph",
                "<p>Chaque membre choisit la visibilité de chaque partie de son profil et peut "
                "à tout moment exporter ou effacer ses données.</p>",
            ),
        ],
    },
]


def load(*, stdout, style, reset_admin_password=False, **options):
    with transaction.atomic():
        home = _home_page()
        pages = {spec["slug"]: _standard_page(home, spec) for spec in STANDARD_PAGES}
        _institution(legal_notice=pages["mentions-legales"])
        _accessibility_statement(home)
    credentials = _administrator(reset_password=reset_admin_password)
    if credentials:
        password, totp_secret, totp_url = credentials
        stdout.write(style.SUCCESS("Administrator account (Wagtail admin at /admin/):"))
        stdout.write(f"  e-mail:   {ADMIN_EMAIL}")
        stdout.write(f"  password: {password}")
        stdout.write(f"  second factor (TOTP secret, for an authenticator app): {totp_secret}")
        stdout.write(f"  {totp_url}")
    else:
        stdout.write(
            f"Administrator {ADMIN_EMAIL} already exists "
            "(new password: manage.py load_demo --reset-admin-password)."
        )


def _home_page():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations create a placeholder "Welcome" page; the home page replaces it.
    for child in root.get_children():
        if child.specific_class is Page:
            child.delete()
    home = root.add_child(
        instance=HomePage(
            title="Accueil",
            slug="accueil",
            hero_title="Le réseau de l'université, de ses diplômés et de ses partenaires",
            hero_text="Retrouvez vos camarades, rejoignez un club, inscrivez-vous aux "
            "événements et faites appel à l'expertise de nos laboratoires.",
            introduction="<p>Diplômés, étudiants, personnels, entreprises, associations et "
            "collectivités : <b>Cercle</b> est votre espace.</p>",
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": site_host(),
            "port": site_port(),
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return home


def _standard_page(parent, spec):
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    page = StandardPage(
        title=spec["title"],
        slug=spec["slug"],
        show_in_menus=spec["show_in_menus"],
        introduction=spec["introduction"],
        body=spec["body"],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _institution(*, legal_notice):
    institution = InstitutionSettings.load()
    institution.legal_notice_page = institution.legal_notice_page or legal_notice
    if not institution.address:
        institution.name = "Université du Nord"
        institution.address = "42 rue Paul Duez\n59000 Lille\nFrance"
        institution.email = "reseau@univ-nord.example.org"
        institution.phone = "+33 3 20 00 00 00"
        institution.website = "https://www.univ-nord.example.org/"
        institution.mastodon = "https://mastodon.example.org/@univnord"
        institution.linkedin = "https://www.linkedin.com/school/univ-nord-example/"
    institution.save()


def _administrator(*, reset_password):
    user_model = get_user_model()
    user = user_model.objects.filter(email=ADMIN_EMAIL).first()
    if user is not None and not reset_password:
        return None
    password = secrets.token_urlsafe(12)
    if user is None:
        user_model.objects.create_superuser(
            email=ADMIN_EMAIL, password=password, first_name="Alex", last_name="Admin"
        )
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    _verify_email(ADMIN_EMAIL)
    user = user_model.objects.get(email=ADMIN_EMAIL)
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    totp_secret = generate_totp_secret()
    TOTP.activate(user, totp_secret)
    return password, totp_secret, get_mfa_adapter().build_totp_url(user, totp_secret)


def _verify_email(email):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.get(email=email)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


def _list(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _accessibility_statement(home):
    """The statement as the project's own evaluation found the demo site: no complete
    RGAA audit yet, hence "not conformant", with what is known not to work."""
    if AccessibilityStatementPage.objects.exists():
        return
    # A site whose statement was a standard page keeps it; the new one stands beside it.
    taken = home.get_children().filter(slug="accessibilite").exists()
    statement = AccessibilityStatementPage(
        title="Déclaration d'accessibilité",
        slug="declaration-accessibilite" if taken else "accessibilite",
        introduction="Ce que nous savons de l'accessibilité de ce site, ce qui ne l'est pas "
        "encore, et comment nous le signaler.",
        status=ConformanceStatus.NOT_CONFORMANT,
        conformance_rate=None,
        statement_date=date(2026, 12, 7),
        audit_date=date(2026, 12, 7),
        audited_by="Évaluation interne de l'équipe du site, sans audit RGAA complet des "
        "106 critères",
        audit_scope="<p>Le site Cercle de l'université : pages publiques, espace des "
        "membres et formulaires, en français et en anglais. L'interface d'administration "
        "n'est pas évaluée.</p>",
        sampled_pages=_list(
            "Accueil, actualités et un article, vidéos Alter Ego et un épisode",
            "Clubs et un club, événements et un événement, organisations",
            "Recherche, connexion, inscription, mot de passe oublié, page introuvable",
            "Espace membre : tableau de bord, annuaire, un profil, modification du profil, "
            "gestion d'un club, agenda personnel",
        ),
        non_conformities=(
            "<p>Les défauts relevés par notre évaluation (carte des clubs, documentation de "
            "l'API, affichage à 320 pixels, aide à la saisie des formulaires) ont été "
            "corrigés. Les vidéos Alter Ego ont une audiodescription sous forme de texte "
            "synchronisé, que peu de lecteurs vidéo énoncent encore, mais pas de version "
            "audiodécrite (critère 4.5). Sans audit complet ni test avec un lecteur "
            "d'écran, le site reste déclaré non conforme.</p>"
        ),
        derogations="",
        out_of_scope=_list(
            "Les documents bureautiques publiés avant le 23 septembre 2018.",
            "Les contenus de tiers non financés ni développés par l'université, comme les "
            "fonds de carte.",
        ),
        test_environment=_list(
            "Chromium 156 sous Debian 12, piloté par Playwright",
            "axe-core 4.14 (règles WCAG 2.1 A et AA) sur chaque type de page, en français "
            "et en anglais, en visiteur et en membre : aucune erreur",
            "Parcours au clavier seul : lien d'évitement, focus visible, inscription à un "
            "événement",
            "Affichage à 320 pixels de large avec l'espacement de texte du critère 10.12 : "
            "aucune page ne défile horizontalement",
            "Aucun lecteur d'écran (NVDA, JAWS, VoiceOver) n'a encore été utilisé : une "
            "partie des critères reste à vérifier à la main",
        ),
        contact_email="accessibilite@univ-nord.example.org",
    )
    home.add_child(instance=statement)
    statement.save_revision().publish()
