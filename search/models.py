"""The database store: what the database backend searches, one row per document."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    """One ``search.documents.Document``: an object as one audience may find it."""

    kind = models.CharField(_("kind"), max_length=16)
    object_id = models.CharField(_("object"), max_length=64)
    audience = models.CharField(_("audience"), max_length=8)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    # Folded, stemmed words between spaces (see search.text.terms_field).
    terms = models.TextField(_("searchable words"), blank=True)
    title_terms = models.TextField(_("searchable title words"), blank=True)
    title_sort = models.CharField(_("title for sorting"), max_length=300)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    facets = models.JSONField(_("facets"), default=dict, blank=True)
    extra = models.JSONField(_("extra values"), default=dict, blank=True)

    class Meta:
        verbose_name = _("indexed document")
        verbose_name_plural = _("indexed documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "audience"], name="search_one_document_per_audience"
            )
        ]
        indexes = [
            models.Index(fields=["audience", "kind", "title_sort"], name="search_doc_title_idx"),
            models.Index(fields=["audience", "kind", "date"], name="search_doc_date_idx"),
            models.Index(fields=["audience", "latitude", "longitude"], name="search_doc_geo_idx"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}:{self.audience}"


class IndexedFacet(models.Model):
    """One facet value of one document, for counting and filtering."""

    document = models.ForeignKey(
        IndexedDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    name = models.CharField(_("facet"), max_length=32)
    value = models.CharField(_("value"), max_length=200)

    class Meta:
        verbose_name = _("indexed facet value")
        verbose_name_plural = _("indexed facet values")
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_value_idx"),
            models.Index(fields=["document", "name"], name="search_facet_document_idx"),
        ]

    def __str__(self):
        return f"{self.name}={self.value}"


class IndexedTerm(models.Model):
    """A word some document holds: the vocabulary typo tolerance looks words up in."""

    term = models.CharField(_("word"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self):
        return self.term


class PendingSync(models.Model):
    """An object whose documents Elasticsearch has not received yet (it was down)."""

    kind = models.CharField(_("kind"), max_length=16)
    object_id = models.CharField(_("object"), max_length=64)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_pending_sync")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"
