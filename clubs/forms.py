from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from clubs.models import ClubKind, ClubVisibility, JoinPolicy, MembershipRole
from home.forms import chosen_place
from home.widgets import ChooserInput, city_chooser
from members import lookup
from members.services import MemberError


class ClubDirectoryForm(forms.Form):
    q = forms.CharField(label=_("Name, city or theme"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind of club"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, countries=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + list(ClubKind.choices)
        self.fields["country"].choices = anything + list(countries)
        self.fields["theme"].choices = anything + list(themes)


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A word for the leaders (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposeClubForm(forms.Form):
    name = forms.CharField(label=_("Name of the club"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind of club"), choices=ClubKind.choices)
    summary = forms.CharField(label=_("In one sentence"), max_length=280, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. biotech, research."),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=200,
        required=False,
        help_text=_("Its name, e.g. Montréal; add the country for namesakes: Paris, US."),
        widget=city_chooser(),
    )
    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    join_policy = forms.ChoiceField(label=_("Who may join"), choices=JoinPolicy.choices)
    visibility = forms.ChoiceField(label=_("Who may see the page"), choices=ClubVisibility.choices)

    def clean(self):
        data = super().clean()
        data["place"] = None
        if data.get("city"):
            data["place"] = chosen_place(self, data)
        elif data.get("kind") == ClubKind.GEOGRAPHIC:
            self.add_error("city", _("A geographic club needs a city."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["themes"] = [theme for theme in data["themes"].split(",") if theme.strip()]
        del data["place_id"]
        place = data.pop("place")
        if place is not None:
            data.update(
                city=place.name,
                country=place.country,
                latitude=place.latitude,
                longitude=place.longitude,
            )
        return data


class InviteForm(forms.Form):
    """Whom to invite: a name or an e-mail address, resolved as ``viewer`` may see members."""

    member = forms.CharField(
        label=_("Member to invite"),
        max_length=200,
        help_text=_("Their name or their e-mail address."),
        widget=ChooserInput(
            url=reverse_lazy("community_api:suggest_members"), value_field="member_id"
        ),
    )
    member_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        if self.auto_id:
            help_id = f"{self.auto_id % 'member'}-help"
            self.fields["member"].widget.attrs["aria-describedby"] = help_id

    def clean(self):
        data = super().clean()
        if "member" in data:
            try:
                data["invitee"] = lookup.resolve_member(
                    viewer=self.viewer, text=data["member"], member_id=data.get("member_id")
                )
            except MemberError as error:
                self.add_error("member", error.message)
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(
        label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
