import pytest
from hypothesis import HealthCheck, settings

from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import make_site_home


@pytest.fixture
def events_index(db):
    return EventIndexPageFactory(parent=make_site_home())


@pytest.fixture
def make_event(events_index):
    """A published event under the index; keyword arguments set its fields."""

    def make(**fields):
        questions = fields.pop("questions", [])
        tags = fields.pop("tags", [])
        event = EventPageFactory(parent=events_index, **fields)
        for label, required in questions:
            event.questions.add(event.questions.model(label=label, required=required))
        if tags:
            event.tags.add(*tags)
        event.save()
        return publish(event)

    return make


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """``with sent(): ...`` runs what the block queued for after the commit (the e-mails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


settings.register_profile("cercle", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("cercle")
