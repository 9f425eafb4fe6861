"""schema.org descriptions of stories and episodes, for search engines (JSON-LD)."""

from datetime import timedelta

from django.utils.html import strip_tags

from config.links import absolute_url
from home.models import InstitutionSettings
from news.images import HERO_RENDITION, SHARE_RENDITION


def iso_duration(duration: timedelta) -> str:
    """ISO 8601 duration, as schema.org wants it: ``PT12M30S``."""
    total = int(duration.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = "".join(
        f"{amount}{unit}"
        for amount, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
        if amount
    )
    return f"PT{parts or '0S'}"


def site_root_url(page, request) -> str:
    """The canonical scheme and host of ``page``'s site, for absolute links to its media."""
    site = page.get_site()
    return site.root_url if site else absolute_url("/").rstrip("/")


def _publisher(request) -> dict:
    institution = InstitutionSettings.load(request_or_site=request)
    publisher = {"@type": "Organization", "name": institution.name}
    if institution.website:
        publisher["url"] = institution.website
    if institution.logo:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": absolute_url(institution.logo.get_rendition("max-600x60").url),
        }
    return publisher


def _image_urls(root, image) -> list[str]:
    if image is None:
        return []
    return [root + image.get_rendition(spec).url for spec in (SHARE_RENDITION, HERO_RENDITION)]


def news_article(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "datePublished": (page.first_published_at or page.date).isoformat(),
        "dateModified": (
            page.last_published_at or page.first_published_at or page.date
        ).isoformat(),
        "mainEntityOfPage": page.get_full_url(request),
        "url": page.get_full_url(request),
        "inLanguage": "fr",
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                **({"jobTitle": author.role} if author.role else {}),
            }
            for author in page.authors.all()
        ]
        or [_publisher(request)],
        "publisher": _publisher(request),
        "keywords": [tag.name for tag in page.tags.all()],
    }
    images = _image_urls(site_root_url(page, request), page.hero_image)
    if images:
        data["image"] = images
    return data


def video_object(page, request) -> dict:
    root = site_root_url(page, request)
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": page.title,
        "description": page.summary,
        "uploadDate": (page.first_published_at or page.date).isoformat(),
        "url": page.get_full_url(request),
        "inLanguage": "fr",
        "about": page.theme,
        "publisher": _publisher(request),
        "actor": [
            {"@type": "Person", "name": person.name, "description": person.role}
            for person in page.people.all()
        ],
    }
    thumbnails = _image_urls(root, page.poster_image)
    if thumbnails:
        data["thumbnailUrl"] = thumbnails
    if page.video:
        data["contentUrl"] = root + page.video.url
        data["encodingFormat"] = f"video/{page.video.file_extension.lower()}"
    if page.external_video_url:
        data["sameAs"] = page.external_video_url
    if page.duration:
        data["duration"] = iso_duration(page.duration)
    if page.recording_date:
        data["dateCreated"] = page.recording_date.isoformat()
    if page.transcript:
        data["transcript"] = strip_tags(page.transcript.replace("</p>", "</p>\n")).strip()
    return data
