from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import AttendanceMode, Audience, QuestionKind
from events.models.registrations import YES_NO_ANSWERS
from home.forms import chosen_place
from home.widgets import NativeDateTimeInput, city_chooser


class RegistrationForm(forms.Form):
    """The event's questions, and for a guest their name and e-mail address."""

    def __init__(self, *args, event, guest: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.guest = guest
        if guest:
            self.fields["name"] = forms.CharField(
                label=_("Your name"),
                max_length=200,
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            )
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail address"),
                help_text=_("We send you a link to confirm it."),
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
        for question in event.questions.all():
            key = f"question_{question.pk}"
            if question.kind == QuestionKind.YES_NO:
                field = forms.ChoiceField(
                    choices=[("", "—"), *YES_NO_ANSWERS.items()],
                    required=question.required,
                )
            elif question.kind == QuestionKind.LONG:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
            else:
                field = forms.CharField(max_length=2000)
            field.label = question.label
            field.help_text = question.help_text
            field.required = question.required
            # The question is in the content's language: its label and help say so.
            field.template_name = "events/includes/question_field.html"
            self.fields[key] = field

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("question_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_")
        }

    def add_service_errors(self, errors: dict) -> None:
        """Puts the service's field-keyed errors on the matching fields."""
        for key, message in errors.items():
            name = key if key in ("name", "email") else f"question_{key}"
            self.add_error(name if name in self.fields else None, message)


class EventProposalForm(forms.Form):
    """A club leader's event, before the editors review it."""

    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    start = forms.DateTimeField(label=_("Starts at"), widget=NativeDateTimeInput())
    end = forms.DateTimeField(label=_("Ends at"), widget=NativeDateTimeInput())
    attendance_mode = forms.ChoiceField(
        label=_("Attendance"), choices=AttendanceMode.choices, initial=AttendanceMode.IN_PERSON
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    city = forms.CharField(
        label=_("City"),
        max_length=200,
        required=False,
        help_text=_("Puts the event on the map, e.g. Lille."),
        widget=city_chooser(),
    )
    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    join_url = forms.URLField(label=_("Link to join online"), required=False, assume_scheme="https")
    audience = forms.ChoiceField(
        label=_("Who may register"), choices=Audience.choices, initial=Audience.CLUB_MEMBERS
    )
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=0, required=False, help_text=_("Empty: unlimited.")
    )
    waitlist_enabled = forms.BooleanField(label=_("Waiting list"), required=False, initial=True)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def clean(self):
        """The city chosen brings the event's position; it names the place if no address does."""
        data = super().clean()
        place = chosen_place(self, data) if data.get("city") else None
        if place is not None:
            data["latitude"], data["longitude"] = place.latitude, place.longitude
            data["address"] = data.get("address") or place.label
        return data


class CheckInSearchForm(forms.Form):
    """The door's search box: part of a name or an address."""

    q = forms.CharField(required=False, max_length=200)

    def search(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""


class CheckInForm(forms.Form):
    """One person marked present (or no longer); the search comes back on its own."""

    registration = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    present = forms.CharField(required=False, max_length=1)
