"""The clubs' e-mails, each in its recipient's language (``user.language``).

Services call ``notify``/``tell_staff_of_…`` inside their transaction; the e-mails
are tasks enqueued once it has committed, so that a refused or rolled-back write
tells nobody. Every e-mail goes through ``home.mail.send_templated``: the
institution's name in the subject, a plain-text and an HTML part, absolute links.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from clubs.models import Club, ClubStatus
from clubs.policies import club_approvers
from config.links import absolute_url
from home.mail import send_templated
from members.models import Profile

SUBJECTS = {
    "request": _("%(member)s asks to join %(club)s"),
    "approved": _("Welcome to %(club)s"),
    "rejected": _("Your request to join %(club)s"),
    "invited": _("You are invited to join %(club)s"),
    "proposal_approved": _("%(club)s is open"),
    "proposal_declined": _("Your proposal of %(club)s"),
    "lead_handed": _("You now lead %(club)s"),
    "lead_given": _("You now lead %(club)s"),
}
"""Each event's subject; its template is ``clubs/emails/<event>.txt``."""


def notify(event: str, *, club: Club, profile: Profile) -> None:
    """Tells whom ``event`` concerns once the current transaction has committed."""
    club_id, profile_id = club.pk, profile.pk
    transaction.on_commit(
        lambda: send_club_notification.enqueue(event=event, club_id=club_id, profile_id=profile_id)
    )


def tell_staff_of_proposal(club: Club) -> None:
    club_id = club.pk
    transaction.on_commit(lambda: send_proposal_to_staff.enqueue(club_id=club_id))


def tell_staff_of_archived_club(club: Club) -> None:
    club_id = club.pk
    transaction.on_commit(lambda: send_archived_club_to_staff.enqueue(club_id=club_id))


@task()
def send_club_notification(*, event: str, club_id: int, profile_id: int) -> None:
    """Tells the people concerned what happened in a club.

    A request goes to the club's leaders and moderators; every other event goes to
    the member it is about.
    """
    club = Club.objects.get(pk=club_id)
    member = Profile.objects.select_related("user").get(pk=profile_id)
    if event == "request":
        recipients = [
            membership.profile
            for membership in club.memberships.managers().select_related("profile__user")
            if membership.profile.user_id
        ]
    else:
        recipients = [member] if member.user_id else []
    for recipient in recipients:
        send_templated(
            to=recipient.user.email,
            subject=SUBJECTS[event],
            template=f"clubs/emails/{event}",
            context={
                "club": club.name,
                "member": member.full_name,
                "recipient_name": recipient.first_name,
                "member_name": member.full_name,
                "club_name": club.name,
                "club_url": absolute_url(club.get_absolute_url()),
                "manage_url": absolute_url(reverse("clubs:manage", args=[club.slug])),
                "directory_url": absolute_url(reverse("clubs:directory")),
                "propose_url": absolute_url(reverse("clubs:propose")),
            },
            language=recipient.user.language,
        )


@task()
def send_proposal_to_staff(*, club_id: int) -> None:
    """Tells the staff who may approve it that a member proposed a club."""
    club = Club.objects.select_related("proposed_by").get(pk=club_id)
    if club.status != ClubStatus.PROPOSED:
        return
    _mail_club_approvers(
        _("A club awaits your approval: %(club)s"),
        "clubs/emails/proposed",
        {
            "club": club.name,
            "member_name": club.proposed_by.full_name if club.proposed_by else "",
            "club_name": club.name,
            "summary": club.summary,
            "approve_url": absolute_url(reverse("club_admin:approve", args=[club.pk])),
        },
    )


@task()
def send_archived_club_to_staff(*, club_id: int) -> None:
    """Tells the staff who run the clubs that a club was archived for want of a leader."""
    club = Club.objects.get(pk=club_id)
    if club.status != ClubStatus.ARCHIVED:
        return
    _mail_club_approvers(
        _("A club was archived: %(club)s has nobody left to lead it"),
        "clubs/emails/archived",
        {
            "club": club.name,
            "club_name": club.name,
            "edit_url": absolute_url(reverse("club_admin:reopen", args=[club.pk])),
        },
    )


def _mail_club_approvers(subject, template: str, context: dict) -> None:
    """One e-mail to each member of staff who may approve clubs, in their language."""
    for user in club_approvers():
        send_templated(
            to=user.email,
            subject=subject,
            template=template,
            context=context,
            language=user.language,
        )
