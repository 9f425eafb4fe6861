from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config import pagecache
from config.collation import collated
from config.views import show_refusal
from members import dashboard, gdpr, photos, privacy, services
from members.directory import DirectoryQuery, InvalidQuery, search_directory, with_sections
from members.errors import MemberError
from members.forms import (
    ConnectionRequestForm,
    ContactForm,
    DirectoryForm,
    EducationFormSet,
    EraseForm,
    ExperienceFormSet,
    ProfileForm,
    formset_rows,
)
from members.guards import profile_required
from members.models import Organisation, Profile
from members.policies import contact_options
from members.search import SOURCE
from members.visibility import SECTIONS, Visibility


def directory(request):
    # The results come from the search index, whose writes purge its kind's tag.
    pagecache.serve_publicly(f"search:{SOURCE.kind}")
    form = DirectoryForm(request.GET or None)
    page = None
    query = form.to_query() if form.is_bound and form.is_valid() else None
    if not form.is_bound:
        query = DirectoryQuery()
    if query is not None:
        try:
            page = search_directory(viewer=request.user, query=query)
        except InvalidQuery as error:
            show_refusal(request, error, form=form)
    if page is not None:
        form.show_counts(page.facets)
    params = request.GET.copy()
    params.pop("page", None)
    refine = [
        (name, label, [(value, _with_filter(params, name, value.value)) for value in values])
        for name, label, values in (
            ("faculty", _("Faculty"), page.facets.get("faculty", ()) if page else ()),
            ("expertise", _("Expertise"), page.facets.get("expertise", ()) if page else ()),
        )
        if values
    ]
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page": page,
            "refine": refine,
            "querystring": urlencode(params, doseq=True),
        },
    )


def _with_filter(params, name: str, value: str) -> str:
    """The directory's query string with ``name`` set to ``value``, from the first page."""
    params = params.copy()
    params[name] = value
    return urlencode(params, doseq=True)


def _profile_or_404(request, pk) -> Profile:
    profile = with_sections(Profile.objects.filter(pk=pk)).first()
    if profile is None or not privacy.can_view_profile(request.user, profile):
        raise Http404(_("There is no such member."))
    return profile


PREVIEWS = {"visitor": privacy.PUBLIC, "member": privacy.MEMBER}


def profile_detail(request, pk):
    pagecache.serve_publicly()
    profile = _profile_or_404(request, pk)
    level = privacy.viewer_level(request.user, profile)
    preview = request.GET.get("as") if level == privacy.OWNER else None
    preview_hidden = False
    if preview in PREVIEWS:
        viewer = AnonymousUser() if preview == "visitor" else privacy.PreviewMember()
        preview_hidden = not privacy.can_view_profile(viewer, profile)
        view = None if preview_hidden else privacy.visible_profile(viewer, profile)
    else:
        preview = None
        view = privacy.visible_profile(request.user, profile, reason=_("Profile page"))
    context = {
        "profile": profile,
        "view": view,
        "level": level,
        "preview": preview,
        "preview_hidden": preview_hidden,
        "options": contact_options(sender=request.user, recipient=profile),
        "visibility_rows": [
            (section.label, Visibility(profile.visibility_of(key)).label)
            for key, section in SECTIONS.items()
        ]
        if level == privacy.OWNER
        else [],
    }
    return render(request, "members/profile_detail.html", context)


def _guarded_file(request, pk, section: str):
    """``section``'s file of member ``pk``, if the viewer may see it (staff reads logged)."""
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    file = privacy.visible_file(request.user, profile, section)
    if file is None:
        raise Http404(_("There is no such file."))
    return profile, file


def _private(response: FileResponse) -> FileResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def profile_photo(request, pk, size=photos.DEFAULT_SIZE):
    if size not in photos.SIZES:
        raise Http404(_("There is no such file."))
    _profile, file = _guarded_file(request, pk, "photo")
    try:
        sized = photos.sized(file.storage, file.name, size)
    except photos.UNREADABLE as error:
        raise Http404(_("There is no such file.")) from error
    return _private(
        FileResponse(
            file.storage.open(sized, "rb"), filename=f"photo-{pk}.jpg", content_type="image/jpeg"
        )
    )


def profile_cv(request, pk):
    profile, file = _guarded_file(request, pk, "cv")
    return _private(
        FileResponse(
            file.open("rb"),
            as_attachment=True,
            filename=f"{profile.first_name}-{profile.last_name}-cv.pdf",
            content_type="application/pdf",
        )
    )


@login_required
def profile_edit(request):
    """The member's own profile, created or edited through the one profile service."""
    profile = services.profile_of(request.user)
    creating = profile is None
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile or Profile(user=request.user),
        ask_consent=creating,
    )
    education = EducationFormSet(request.POST or None, instance=profile, prefix="education")
    experience = ExperienceFormSet(request.POST or None, instance=profile, prefix="experience")
    if request.method == "POST" and all(
        [form.is_valid(), education.is_valid(), experience.is_valid()]
    ):
        edits = {
            **form.edits(),
            "education": formset_rows(education),
            "experience": formset_rows(experience),
            "language": form.cleaned_data["language"] or None,
        }
        try:
            if creating:
                profile = services.create_profile(
                    user=request.user, consent=form.cleaned_data["consent"], **edits
                )
            else:
                profile = services.update_profile(profile=profile, **edits)
        except MemberError as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect(_local_url(request.GET.get("next", "")) or profile.get_absolute_url())
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below; nothing was saved."))
    return render(
        request,
        "members/profile_edit.html",
        {
            "form": form,
            "education": education,
            "experience": experience,
            "formsets": [education, experience],
            "creating": creating,
            "sections": SECTIONS,
            "notice_version": services.PRIVACY_NOTICE_VERSION,
        },
    )


def _member_action(request, action, *, success: str):
    try:
        action(request.profile)
    except MemberError as error:
        show_refusal(request, error)
    else:
        messages.success(request, success)
    return HttpResponseRedirect(_next_url(request, reverse("members:network")))


def _local_url(target: str) -> str:
    """``target`` if it is an address on this site, else nothing."""
    return target if target.startswith("/") and not target.startswith("//") else ""


def _next_url(request, default: str) -> str:
    return _local_url(request.POST.get("next", "")) or default


@profile_required
@require_POST
def connection_request(request, pk):
    addressee = _profile_or_404(request, pk)
    form = ConnectionRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    return _member_action(
        request,
        lambda me: services.request_connection(requester=me, addressee=addressee, message=message),
        success=_("Your request has been sent."),
    )


CONNECTION_ACTIONS = {
    "accept": (
        lambda me, pk: services.answer_connection(profile=me, connection_id=pk, accept=True),
        gettext_lazy("You are now connected."),
    ),
    "decline": (
        lambda me, pk: services.answer_connection(profile=me, connection_id=pk, accept=False),
        gettext_lazy("The request has been declined."),
    ),
    "withdraw": (
        lambda me, pk: services.withdraw_connection(profile=me, connection_id=pk),
        gettext_lazy("Your request has been withdrawn."),
    ),
    "remove": (
        lambda me, pk: services.remove_connection(profile=me, connection_id=pk),
        gettext_lazy("The connection has been removed."),
    ),
}


@profile_required
@require_POST
def connection_action(request, pk, action):
    if action not in CONNECTION_ACTIONS:
        raise Http404
    run, success = CONNECTION_ACTIONS[action]
    return _member_action(request, lambda me: run(me, pk), success=str(success))


@profile_required
def network(request):
    return render(
        request,
        "members/network.html",
        {"network": services.network_of(request.profile), "me": request.profile},
    )


@profile_required
def contact(request, pk):
    """The contact form, open when ``members.policies`` lets the member write."""
    recipient = _profile_or_404(request, pk)
    options = contact_options(sender=request.user, recipient=recipient)
    form = ContactForm(request.POST or None)
    status = 200
    if not options.can_contact:
        show_refusal(request, options.contact_refusal, form=form)
        status = options.contact_refusal.status
    elif request.method == "POST" and form.is_valid():
        try:
            services.send_contact_message(
                sender=request.user,
                recipient=recipient,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except MemberError as error:
            show_refusal(request, error, form=form)
            status = error.status
        else:
            messages.success(
                request,
                _("Your message has been sent to %(name)s.") % {"name": recipient.full_name},
            )
            return redirect(recipient.get_absolute_url())
    return render(
        request,
        "members/contact.html",
        {"form": form, "recipient": recipient, "options": options},
        status=status,
    )


@login_required
@reauthentication_required(allow_get=True)
def my_data(request):
    """The GDPR page: download everything, or erase the account."""
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            gdpr.erase_member(user=user, confirmation=form.cleaned_data["confirmation"])
        except MemberError as error:
            form.add_error("confirmation", error.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been erased."))
            return redirect("/")
    return render(
        request,
        "members/my_data.html",
        {"form": form, "notice_version": services.PRIVACY_NOTICE_VERSION},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@reauthentication_required
def my_data_export(request):
    response = HttpResponse(
        gdpr.export_member_data(user=request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="cercle-my-data.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def dashboard_view(request):
    profile = services.profile_of(request.user)
    completeness = services.profile_completeness(profile)
    return render(
        request,
        "members/dashboard.html",
        {
            "me": profile,
            "completeness": completeness,
            "received": services.network_of(profile)["received"] if profile else [],
            "panels": dashboard.panels_for(request),
        },
    )


def organisation_list(request):
    pagecache.serve_publicly(privacy.ORGANISATIONS)
    organisations = Organisation.objects.order_by(collated("name"))
    kind = request.GET.get("kind", "")
    if kind:
        organisations = organisations.filter(kind=kind)
    return render(request, "members/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, slug):
    pagecache.serve_publicly(privacy.ORGANISATIONS)
    organisation = get_object_or_404(Organisation, slug=slug)
    visible = privacy.visible_profiles(request.user)
    contacts = [
        (link, privacy.visible_profile(request.user, link.profile, listing=True))
        for link in organisation.contact_links.select_related("profile__user").filter(
            profile__in=visible
        )
    ]
    people = with_sections(
        visible.filter(
            privacy.section_visible_q(request.user, "experience"),
            experience__organisation=organisation,
        ).distinct()
    )[:24]
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": contacts,
            "people": [
                privacy.visible_profile(request.user, profile, listing=True) for profile in people
            ],
        },
    )
