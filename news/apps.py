from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from home import sections
        from news.services import latest_stories

        sections.register(
            "news",
            lambda request: latest_stories(limit=3),
            template="news/home_section.html",
        )
