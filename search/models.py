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
    # Folded, stemmed words, then the audience and facet tokens, between spaces
    # (search.database); full-text indexed on either database (migration 0004).
    terms = models.TextField(_("searchable words"), blank=True)
    title_terms = models.TextField(_("searchable title words"), blank=True)
    title_sort = models.CharField(_("title for sorting"), max_length=300)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # The place as a point of the unit sphere: distances compare straight chords.
    unit_x = models.FloatField(_("x on the unit sphere"), null=True, blank=True)
    unit_y = models.FloatField(_("y on the unit sphere"), null=True, blank=True)
    unit_z = models.FloatField(_("z on the unit sphere"), null=True, blank=True)
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


class FacetCount(models.Model):
    """How many documents of one audience and kind hold one facet value.

    Kept in step with the documents, in the same transaction: a search without words
    or filters (a directory's first page) reads its counts here instead of counting
    every document. ``facet`` is blank on the row that counts the kind's documents.
    """

    audience = models.CharField(_("audience"), max_length=8)
    kind = models.CharField(_("kind"), max_length=16)
    facet = models.CharField(_("facet"), max_length=32, blank=True)
    value = models.CharField(_("value"), max_length=200, blank=True)
    documents = models.IntegerField(_("documents"), default=0)

    class Meta:
        verbose_name = _("facet count")
        verbose_name_plural = _("facet counts")
        constraints = [
            models.UniqueConstraint(
                fields=["audience", "kind", "facet", "value"], name="search_one_count_per_value"
            )
        ]

    def __str__(self):
        return f"{self.audience}:{self.kind}:{self.facet}={self.value}"


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
