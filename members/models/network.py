from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _


class ConnectionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ConnectionQuerySet(models.QuerySet):
    def involving(self, profile):
        return self.filter(Q(requester=profile) | Q(addressee=profile))

    def between(self, one, other):
        return self.filter(Q(requester=one, addressee=other) | Q(requester=other, addressee=one))


class Connection(models.Model):
    """A link between two members: asked by one, accepted or declined by the other.

    One row per pair, whichever asked first (a unique index on the unordered pair).
    Who may ask is ``members.policies.contact_options``; asking, answering and
    withdrawing are ``members.services``.
    """

    requester = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="connections_sent"
    )
    addressee = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="connections_received"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConnectionStatus.choices,
        default=ConnectionStatus.PENDING,
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Least("requester", "addressee"),
                Greatest("requester", "addressee"),
                name="members_connection_unique_pair",
            ),
            models.CheckConstraint(
                condition=~Q(requester=F("addressee")), name="members_connection_not_self"
            ),
        ]
        indexes = [models.Index(fields=["addressee", "status"], name="members_conn_inbox_idx")]

    def __str__(self):
        return f"{self.requester} → {self.addressee} ({self.get_status_display()})"

    def other(self, profile):
        return self.addressee if profile.pk == self.requester_id else self.requester


class ContactMessage(models.Model):
    """A message one member wrote to another through the contact form, relayed by e-mail.

    Kept so that both find it in their data export; it goes with either profile's
    erasure. The e-mail is sent from this row, so the message is held in one place.
    """

    sender = models.ForeignKey(
        "members.Profile",
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="contact_messages_sent",
    )
    recipient = models.ForeignKey(
        "members.Profile",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="contact_messages_received",
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    sent_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    class Meta:
        verbose_name = _("relayed message")
        verbose_name_plural = _("relayed messages")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.sender} → {self.recipient}: {self.subject}"
