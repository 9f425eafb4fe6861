"""The blocks of news stories: the shared ones plus video, related links and key figures."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BaseStreamBlock, RelatedLinksBlock, VideoBlock


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "table"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=4)

    class Meta:
        icon = "table"
        template = "streamfield/blocks/key_figures_block.html"
        label = _("Key figures")
        description = _("Up to four figures that sum up a story: a budget, a number of students…")
        preview_value = {
            "figures": [
                {"figure": "3 000", "label": "étudiants internationaux accueillis"},
                {"figure": "64", "label": "unités de recherche"},
            ]
        }


class NewsStreamBlock(BaseStreamBlock):
    video = VideoBlock()
    related_links = RelatedLinksBlock()
    key_figures = KeyFiguresBlock()
