"""Wagtail admin: the graduate archives' imports and spellings.

Staff upload an archive file; the import runs as a background task
(``members.tasks.import_archive``) through ``members.archives.importer``, the same
as ``manage.py import_graduates``; the import's page shows its progress as it goes,
its counts and its report, downloadable as CSV. The history lists every import:
who, when, which file, what it did.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from members import tasks
from members.archives import importer
from members.archives.access import ARCHIVE_IMPORTS
from members.archives.report import write_report
from members.models import ArchiveImport, ArchiveSpelling

ARCHIVE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".ods")
SHOWN_PROBLEMS = 50


class ArchiveUploadForm(WagtailAdminModelForm):
    file = forms.FileField(
        label=gettext_lazy("Archive file"),
        help_text=gettext_lazy(
            "CSV (UTF-8 or Windows-1252, “;” or “,”) or XLSX, one graduate a row; the "
            "README lists the columns."
        ),
    )

    class Meta:
        model = ArchiveImport
        fields = ["file", "dry_run"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ARCHIVE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "This file is %(size)s; the admin takes files up to %(limit)s. Split it, "
                    "or import it with “manage.py import_graduates”."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if not upload.name.lower().endswith(ARCHIVE_SUFFIXES):
            raise forms.ValidationError(_("A CSV file or a workbook (XLSX, ODS) is expected."))
        return upload


class ArchiveUploadView(CreateView):
    """Keeps the file, records the import and queues it once the record is committed."""

    def save_instance(self):
        archive_import = importer.receive(
            self.form.cleaned_data["file"],
            user=self.request.user,
            dry_run=self.form.cleaned_data["dry_run"],
        )
        transaction.on_commit(
            lambda: tasks.import_archive.enqueue(archive_import_id=archive_import.pk)
        )
        return archive_import

    def get_success_url(self):
        return reverse("archive_imports:inspect", args=[self.object.pk])

    def get_success_message(self, instance):
        return _("The import of “%(file)s” has started: its page follows it.") % {
            "file": instance.file_name
        }


class ArchiveImportInspectView(InspectView):
    template_name = "members/admin/archive_import.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = self.object.problems.all()[:SHOWN_PROBLEMS]
        context["problem_count"] = self.object.problems.count()
        context["progress_url"] = reverse("archive_imports:progress", args=[self.object.pk])
        context["report_url"] = reverse("archive_imports:report", args=[self.object.pk])
        context["counts"] = progress_counts(self.object)
        return context


register_permission_policy(ArchiveImport, ARCHIVE_IMPORTS)


class ArchiveImportViewSet(ModelViewSet):
    model = ArchiveImport
    icon = "upload"
    menu_label = gettext_lazy("Archive imports")
    menu_order = 500
    add_view_class = ArchiveUploadView
    inspect_view_class = ArchiveImportInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "file_name",
        "started_by",
        "started_at",
        "status",
        "rows",
        "created",
        "updated",
        "rejected",
    ]
    list_filter = ["status", "dry_run", "started_at"]
    inspect_view_fields = [
        "file_name",
        "size",
        "encoding",
        "dry_run",
        "started_by",
        "started_at",
        "finished_at",
        "status",
        "failure",
    ]
    form_fields = ["file", "dry_run"]

    def get_form_class(self, for_update=False):
        return ArchiveUploadForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("progress/<int:pk>/", self.progress_view, name="progress"),
            path("report/<int:pk>/", self.report_view, name="report"),
        ]

    def _viewed(self, request, pk) -> ArchiveImport:
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return get_object_or_404(ArchiveImport, pk=pk)

    def progress_view(self, request, pk):
        """The import's state for its page, asked every few seconds while it runs."""
        archive_import = self._viewed(request, pk)
        return JsonResponse(
            {
                "status": archive_import.status,
                "status_label": archive_import.get_status_display(),
                "finished": archive_import.is_finished,
                "percent": archive_import.percent,
                "counts": progress_counts(archive_import),
            }
        )

    def report_view(self, request, pk):
        archive_import = self._viewed(request, pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-{pk}-report.csv"'
        response.write("\ufeff")
        write_report(archive_import, response)
        return response


def progress_counts(archive_import: ArchiveImport) -> list[tuple[str, int]]:
    """The counts an import's page shows, labelled."""
    return [
        (str(ArchiveImport._meta.get_field(name).verbose_name), getattr(archive_import, name))
        for name in ArchiveImport.COUNTS
    ]


class ArchiveSpellingViewSet(ModelViewSet):
    model = ArchiveSpelling
    icon = "doc-full"
    menu_label = gettext_lazy("Archive spellings")
    menu_order = 510
    list_display = ["spelling", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["spelling", "name"]
    search_backend_name = None
    form_fields = ["kind", "spelling", "name"]
    list_export = ["kind", "spelling", "name"]
    export_filename = "archive-spellings"
