"""Club leaders propose events; the editors review them in Wagtail before publication."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from clubs.models import Club
from events.errors import ProposalError
from events.models import EventIndexPage, EventPage
from members.models import Profile

REVIEW_WORKFLOW = "Relecture des événements de club"
REVIEW_TASK = "Validation par le service communication"
REVIEWERS_GROUP = "Moderators"


def review_workflow() -> Workflow:
    """The workflow proposals go through, created with its approval task on first use."""
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created or not workflow.workflow_tasks.exists():
        reviewers, _created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
        reviewers.permissions.add(Permission.objects.get(codename="access_admin"))
        task, _created = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
        task.groups.add(reviewers)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _unique_slug(index: EventIndexPage, title: str) -> str:
    base = slugify(title)[:60] or "evenement"
    slug, number = base, 1
    siblings = index.get_children()
    while siblings.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _refuse_invalid(page: EventPage) -> None:
    try:
        page.full_clean()
    except ValidationError as error:
        raise ProposalError(
            _("The event was not proposed: some values are not valid."),
            errors={key: " ".join(messages) for key, messages in error.message_dict.items()},
        ) from error


def may_propose(*, club: Club, profile: Profile | None) -> bool:
    """Whether ``profile`` may propose events in the club's name: its leaders and moderators."""
    return club.is_managed_by(profile)


def propose_event(*, club, profile, data: dict) -> EventPage:
    """Creates the club's event as a draft and submits it for review.

    ``data`` holds the fields of ``EventProposalForm``. Raises ``ProposalError``
    (with field-keyed ``errors``) when the proposal is not valid.
    """
    if not may_propose(club=club, profile=profile):
        raise ProposalError(_("Only the club's leaders can propose its events."), status=403)
    index = EventIndexPage.objects.live().first()
    if index is None:
        raise ProposalError(_("The site has no events page yet."), status=409)
    with transaction.atomic():
        page = EventPage(
            title=data["title"],
            slug=_unique_slug(index, data["title"]),
            summary=data["summary"],
            start=data["start"],
            end=data["end"],
            attendance_mode=data["attendance_mode"],
            venue=data.get("venue", ""),
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            join_url=data.get("join_url", ""),
            audience=data["audience"],
            capacity=data.get("capacity"),
            waitlist_enabled=data.get("waitlist_enabled", False),
            contact_email=data.get("contact_email", ""),
            organiser_club=club,
            live=False,
            owner=profile.user,
        )
        try:
            with transaction.atomic():
                index.add_child(instance=page)
        except IntegrityError:
            # The database's constraints mirror ``EventPage.clean``, which names the
            # wrong fields: it is the one place the page's rules are checked.
            _refuse_invalid(page)
            raise
        _refuse_invalid(page)
        page.save_revision(user=profile.user)
        review_workflow().start(page, profile.user)
    return page
