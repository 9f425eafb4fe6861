import datetime as dt
from pathlib import Path

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from news.models import NewsCategory, NewsIndexPage, NewsPage, VideoEpisodePage, VideoSeriesPage

DEMO_MEDIA = Path(__file__).resolve().parents[2] / "news" / "demo_media"


class ImageFactory(factory.django.DjangoModelFactory):
    title = "Façade de l’hôtel de ville"
    description = "La façade de briques de l’hôtel de ville et son beffroi."
    file = factory.django.ImageField(width=1600, height=900, color="navy")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_image_model()


class DocumentFactory(factory.django.DjangoModelFactory):
    title = "Un document"
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_document_model()

    @classmethod
    def video(cls, **kwargs):
        content = ContentFile((DEMO_MEDIA / "alter-ego.webm").read_bytes(), name="episode.webm")
        return cls(title="Épisode", file=content, **kwargs)

    @classmethod
    def captions(cls, **kwargs):
        content = ContentFile((DEMO_MEDIA / "camille-et-jean.vtt").read_bytes(), name="episode.vtt")
        return cls(title="Sous-titres", file=content, **kwargs)


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")

    class Meta:
        model = NewsCategory
        django_get_or_create = ["slug"]


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actualités"
    slug = "news"
    introduction = "La vie de l’université."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Actualité numéro {n}")
    date = factory.Sequence(lambda n: dt.date(2026, 11, 1) - dt.timedelta(days=n))
    summary = "Un partenariat de cinq ans entre la ville et l’université."

    class Meta:
        model = NewsPage


class VideoSeriesPageFactory(wagtail_factories.PageFactory):
    title = "Alter Ego"
    slug = "videos"
    introduction = "Un diplômé et un enseignant se retrouvent."

    class Meta:
        model = VideoSeriesPage


class VideoEpisodePageFactory(wagtail_factories.PageFactory):
    title = "Camille et Jean"
    theme = "La vocation"
    summary = "Camille retrouve l’enseignant qui lui a donné le goût de la chimie."
    date = dt.date(2026, 10, 1)
    duration = dt.timedelta(minutes=12, seconds=30)
    recording_date = dt.date(2026, 9, 1)
    transcript = "<p>Camille : Vous vous souvenez de notre premier TP ?</p>"
    video = factory.LazyFunction(DocumentFactory.video)
    captions = factory.LazyFunction(DocumentFactory.captions)
    poster_image = factory.SubFactory(ImageFactory)

    class Meta:
        model = VideoEpisodePage
        skip_postgeneration_save = True

    @factory.post_generation
    def people(obj, create, extracted, **kwargs):
        people = extracted or [
            ("Camille Lefebvre", "diplômée du master de chimie"),
            ("Jean Delattre", "enseignant à la faculté des sciences"),
        ]
        for name, role in people:
            obj.people.add(obj.people.model(name=name, role=role))
        if create:
            obj.save()
