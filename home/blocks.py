"""Blocks shared by every page type; apps add their own on top of ``BaseStreamBlock``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from config.links import absolute_url

VIDEO_EXTENSIONS = ("mp4", "webm")
CAPTION_EXTENSIONS = ("vtt",)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "streamfield/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section title, so readers and screen readers can skim the page.")
        preview_value = {"text": "Une université ouverte sur sa ville", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "streamfield/blocks/captioned_image_block.html"
        label = _("Image")
        description = _("An image with its alternative text, an optional caption and credit.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "streamfield/blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation and the person it comes from.")
        preview_value = {
            "text": "Le réseau m'a permis de retrouver la professeure qui m'a donné le goût "
            "de la recherche.",
            "attribution": "Camille, promotion 2012",
        }


class PageOrLinkBlock(blocks.StructBlock):
    """A block that leads somewhere: its ``page`` or its ``url``, one of them required.

    Subclasses declare both fields, where they want them in the form.
    """

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choose a page or enter a link.")),
                }
            )
        return value


class CallToActionBlock(PageOrLinkBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        template = "streamfield/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted invitation with a button leading to a page or a link.")
        preview_value = {
            "title": "Rejoignez le réseau",
            "text": "Retrouvez vos camarades de promotion et les clubs près de chez vous.",
            "url": "https://example.org/",
            "button_label": "Créer mon compte",
        }


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "streamfield/blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Formatted text with links and lists.")
        preview_value = "<p>L'université accompagne ses diplômés tout au long de leur parcours.</p>"


def validate_document_extension(document, extensions):
    """Refuses a document whose file type a browser's ``<video>`` or ``<track>`` cannot play."""
    if document is not None and document.file_extension.lower() not in extensions:
        raise ValidationError(
            _("Choose a file of type: %(extensions)s.") % {"extensions": ", ".join(extensions)}
        )


class VideoBlock(blocks.StructBlock):
    """A video played by the browser itself, from the site's documents: no third-party player."""

    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"))
    captions_language = blocks.ChoiceBlock(
        label=_("Captions language"),
        choices=[("fr", _("French")), ("en", _("English"))],
        default="fr",
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=["bold", "italic", "link", "ul"], required=False
    )

    class Meta:
        icon = "media"
        template = "streamfield/blocks/video_block.html"
        label = _("Video")
        description = _(
            "A video file with its captions and transcript, played without any external service."
        )
        preview_value = {"title": "Portes ouvertes du campus", "captions_language": "fr"}

    def get_api_representation(self, value, context=None):
        """Files as addresses a headless player can use, not bare document ids."""
        representation = super().get_api_representation(value, context)
        for name in ("video", "captions"):
            document = value.get(name)
            representation[name] = document and {
                "id": document.pk,
                "title": document.title,
                "url": absolute_url(document.url),
                "file_extension": document.file_extension.lower(),
            }
        poster = value.get("poster")
        representation["poster"] = poster and {
            "id": poster.pk,
            "url": absolute_url(poster.get_rendition("width-1280").url),
        }
        return representation

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for name, extensions in (("video", VIDEO_EXTENSIONS), ("captions", CAPTION_EXTENSIONS)):
            try:
                validate_document_extension(value.get(name), extensions)
            except ValidationError as error:
                errors[name] = blocks.BlockValidationError(error.messages[0])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class LinkBlock(PageOrLinkBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, default=_("To go further"))
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "streamfield/blocks/related_links_block.html"
        label = _("Related links")
        description = _("A short list of pages or sites to read next.")
        preview_value = {
            "heading": "Pour aller plus loin",
            "links": [
                {"title": "Le site de la Ville de Lille", "url": "https://www.lille.fr/"},
                {"title": "Le réseau des diplômés", "url": "https://example.org/"},
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
