from django import forms
from django.conf import settings
from django.db import models
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from home.countries import country_choices
from home.widgets import NativeDateInput, city_chooser
from members.directory import SORTS, DirectoryQuery
from members.models import (
    Education,
    Experience,
    Organisation,
    Profile,
    ProfileKind,
    Sector,
)
from members.services import EDITABLE_FIELDS, FILE_FIELDS, RECORD_FIELDS
from members.visibility import SECTIONS

SORT_LABELS = {
    "name": _("Name"),
    "recent": _("Recently updated"),
    "graduation": _("Latest graduates first"),
}


class DirectoryForm(forms.Form):
    """The directory's search form; ``to_query()`` gives the backend-neutral query."""

    q = forms.CharField(
        label=_("Name or keywords"),
        required=False,
        max_length=200,
        # Completed by the search service (config/static/js/combobox.js).
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": "directory-suggestions",
            }
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    programme = forms.CharField(label=_("Programme"), required=False, max_length=200)
    year_min = forms.IntegerField(
        label=_("Graduated from"), required=False, min_value=1900, max_value=2100
    )
    year_max = forms.IntegerField(
        label=_("Graduated until"), required=False, min_value=1900, max_value=2100
    )
    faculty = forms.CharField(label=_("Faculty"), required=False, max_length=160)
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    expertise = forms.CharField(label=_("Expertise domain"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    open_to_opportunities = forms.BooleanField(label=_("Open to opportunities"), required=False)
    hiring = forms.BooleanField(label=_("Hiring"), required=False)
    volunteer_mentor = forms.BooleanField(label=_("Volunteer mentor"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + list(ProfileKind.choices)
        self.fields["country"].choices = anything + country_choices()
        self.fields["sector"].choices = anything + list(Sector.choices)
        self.fields["organisation"].choices = anything + list(
            Organisation.objects.values_list("slug", "name")
        )
        self.fields["sort"].choices = [(key, SORT_LABELS[key]) for key in SORTS]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("year_min"), cleaned.get("year_max")
        if low and high and low > high:
            self.add_error(
                "year_max", _("The last graduation year cannot be before the first one.")
            )
        return cleaned

    def show_counts(self, facets) -> None:
        """Adds the search's counts to the kind, country and sector options."""
        for name, facet in (("kind", "member_kind"), ("country", "country"), ("sector", "sector")):
            counts = {value.value: value.count for value in facets.get(facet, ())}
            if counts:
                self.fields[name].choices = [
                    (key, f"{label} ({counts[key]})" if key in counts else label)
                    for key, label in self.fields[name].choices
                ]

    def to_query(self) -> DirectoryQuery:
        data = self.cleaned_data
        return DirectoryQuery(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            programme=data.get("programme") or "",
            graduation_year_min=data.get("year_min"),
            graduation_year_max=data.get("year_max"),
            faculty=data.get("faculty") or "",
            country=data.get("country") or "",
            city=data.get("city") or "",
            expertise=data.get("expertise") or "",
            sector=data.get("sector") or "",
            organisation=data.get("organisation") or "",
            open_to_opportunities=bool(data.get("open_to_opportunities")),
            hiring=bool(data.get("hiring")),
            volunteer_mentor=bool(data.get("volunteer_mentor")),
            sort=data.get("sort") or "name",
            page=data.get("page") or 1,
        )


PROFILE_FIELDS = [*EDITABLE_FIELDS, "expertise", *FILE_FIELDS]
VISIBILITY_FIELDS = [section.visibility_field for section in SECTIONS.values()]


def https_by_default(db_field, **kwargs):
    """Addresses typed without a scheme are taken as https://."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "contact_email": "email",
    "phone": "tel",
    "website": "url",
    "city": "address-level2",
    "country": "country",
}


class ProfileForm(forms.ModelForm):
    """A member's own profile, with the visibility of each section."""

    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    language = forms.ChoiceField(
        label=_("Language of the e-mails the site sends you"),
        choices=settings.LANGUAGES,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that Cercle keeps this profile."),
        required=True,
    )

    class Meta:
        model = Profile
        fields = PROFILE_FIELDS + VISIBILITY_FIELDS
        formfield_callback = https_by_default
        widgets = {
            "biography": forms.Textarea(attrs={"rows": 6}),
            "other_links": forms.Textarea(attrs={"rows": 3}),
            "city": city_chooser(),
            "country": forms.Select(),
            **dict.fromkeys(VISIBILITY_FIELDS, forms.RadioSelect),
        }

    def __init__(self, *args, ask_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = self.instance.user.language
        if not ask_consent:
            del self.fields["consent"]
        self.fields["country"].widget.choices = [("", "—")] + country_choices()
        self.fields["cv"].widget.attrs["accept"] = "application/pdf"
        # What each field holds, for the browser's autofill (WCAG 1.3.5).
        for name, purpose in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = purpose
        for section in SECTIONS.values():
            self.fields[section.visibility_field].label = _("Who sees “%(section)s”") % {
                "section": section.label
            }

    def edits(self) -> dict:
        """The edits made, as ``members.services.update_profile`` takes them."""
        return profile_edits(self)


def profile_edits(form: forms.ModelForm, *, record: bool = False) -> dict:
    """A valid profile form's edits (the member's, or the admin's with ``record``)
    as ``members.services.update_profile`` takes them: only what was changed."""
    data, changed = form.cleaned_data, set(form.changed_data)
    edits = {
        "changes": {name: data[name] for name in EDITABLE_FIELDS if name in changed},
        # A file uploaded, or None for a file removed.
        "files": {name: data[name] or None for name in FILE_FIELDS if name in changed},
        "visibilities": {
            key: data[section.visibility_field]
            for key, section in SECTIONS.items()
            if section.visibility_field in data
        },
        "expertise": list(data["expertise"]) if "expertise" in changed else None,
        "place_id": data.get("place_id"),
    }
    if record:
        edits["record_changes"] = {name: data[name] for name in RECORD_FIELDS if name in changed}
    return edits


def formset_rows(formset) -> list[dict]:
    """A valid formset's rows as ``members.services.update_profile`` takes them."""
    rows = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        values = {name: form.cleaned_data.get(name) for name in form._meta.fields}
        instance = form.cleaned_data.get("id")
        rows.append(
            {
                **values,
                "id": instance.pk if instance else None,
                "delete": bool(form.cleaned_data.get("DELETE")),
            }
        )
    return rows


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["programme", "degree", "discipline", "faculty", "start_year", "end_year"]


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = [
            "role",
            "organisation",
            "organisation_name",
            "sector",
            "start_date",
            "end_date",
        ]
        widgets = {
            "start_date": NativeDateInput(),
            "end_date": NativeDateInput(),
        }


EducationFormSet = inlineformset_factory(
    Profile, Education, form=EducationForm, extra=1, can_delete=True, max_num=20
)
ExperienceFormSet = inlineformset_factory(
    Profile, Experience, form=ExperienceForm, extra=1, can_delete=True, max_num=30
)


class ConnectionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A word with your request (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class EraseForm(forms.Form):
    confirmation = forms.CharField(label=_("Type your e-mail address to confirm"), max_length=254)
