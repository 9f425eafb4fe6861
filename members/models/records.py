"""Records kept because of privacy: who read what, who agreed to what."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class StaffAccessLog(models.Model):
    """A staff member read a member's full record (private sections included)."""

    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_label = models.CharField(_("staff member (as recorded)"), max_length=254)
    profile = models.ForeignKey(
        "members.Profile",
        verbose_name=_("member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="staff_accesses",
    )
    profile_label = models.CharField(_("member (as recorded)"), max_length=320)
    reason = models.CharField(_("reason"), max_length=200)
    accessed_at = models.DateTimeField(_("read on"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("staff access to a member record")
        verbose_name_plural = _("staff accesses to member records")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.staff_label} → {self.profile_label} ({self.reason})"


class Consent(models.Model):
    """A member agreed to the privacy notice in a given version, on a given date."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=40, default="privacy_notice")
    notice_version = models.CharField(_("version of the notice"), max_length=20)
    given_at = models.DateTimeField(_("given on"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.user} — {self.purpose} {self.notice_version}"


@register_setting(icon="group")
class DirectorySettings(BaseGenericSetting):
    """The institution's choices for its directory (Settings → Directory)."""

    list_archive_records = models.BooleanField(
        _("list graduate-archive records to members"),
        default=False,
        help_text=_(
            "Records imported from the graduate archives that nobody has claimed are seen by "
            "staff only. Tick to show members a minimal listing of them: name, programme, year."
        ),
    )

    panels = [FieldPanel("list_archive_records")]

    class Meta:
        verbose_name = _("directory")
