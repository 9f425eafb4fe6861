"""Registration rules hold over thousands of random steps (register, cancel, seats, check-in).

A plain Python model of the event says what must happen at each step; after
every step the database must agree with it: nobody holds a seat beyond the
capacity, the waiting list moves up first come first served, nobody is there twice.
"""

import pytest
from django.db import transaction
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from events import registration
from events.errors import RegistrationError
from events.models import Registration, RegistrationStatus
from tests.events.factories import EventPageFactory, publish
from tests.members.factories import ProfileFactory

PEOPLE = 8
people = st.integers(min_value=0, max_value=PEOPLE - 1)
capacities = st.one_of(st.none(), st.integers(min_value=0, max_value=6))


class RegistrationMachine(RuleBasedStateMachine):
    event = None
    profiles: list = []

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.capacity = 2
        registration.change_capacity(event=self.event, capacity=self.capacity)
        self.confirmed: list[int] = []
        self.waiting: list[int] = []
        self.checked_in: set[int] = set()

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _registration(self, person: int) -> Registration | None:
        return (
            Registration.objects.active()
            .filter(event=self.event, profile=self.profiles[person])
            .first()
        )

    def _promote(self):
        while self.waiting and (self.capacity is None or len(self.confirmed) < self.capacity):
            self.confirmed.append(self.waiting.pop(0))

    @rule(person=people)
    def register(self, person):
        active = person in self.confirmed or person in self.waiting
        try:
            done = registration.register(event=self.event, profile=self.profiles[person])
        except RegistrationError:
            assert active
            return
        assert not active
        if self.capacity is None or len(self.confirmed) < self.capacity:
            assert done.status == RegistrationStatus.CONFIRMED
            self.confirmed.append(person)
        else:
            assert done.status == RegistrationStatus.WAITLISTED
            self.waiting.append(person)

    @rule(person=people)
    def cancel(self, person):
        found = self._registration(person)
        if found is None:
            assert person not in self.confirmed and person not in self.waiting
            return
        if person in self.checked_in:
            with pytest.raises(RegistrationError):
                registration.cancel(registration=found)
            return
        outcome = registration.cancel(registration=found)
        if person in self.confirmed:
            self.confirmed.remove(person)
            before = list(self.waiting)
            self._promote()
            expected = [p for p in before if p not in self.waiting]
            assert [r.profile_id for r in outcome.promoted] == [
                self.profiles[p].pk for p in expected
            ]
        else:
            self.waiting.remove(person)
            assert outcome.promoted == []

    @rule(capacity=capacities)
    def change_capacity(self, capacity):
        try:
            registration.change_capacity(event=self.event, capacity=capacity)
        except RegistrationError:
            assert capacity is not None and capacity < len(self.confirmed)
            return
        assert capacity is None or capacity >= len(self.confirmed)
        self.capacity = capacity
        self._promote()

    @rule(person=people)
    def check_in(self, person):
        found = self._registration(person)
        if found is None:
            return
        try:
            registration.check_in(registration=found)
        except RegistrationError:
            assert person not in self.confirmed
            return
        assert person in self.confirmed
        self.checked_in.add(person)

    @invariant()
    def the_database_agrees_with_the_model(self):
        rows = list(
            Registration.objects.active()
            .filter(event=self.event)
            .order_by("queued_at", "pk")
            .values_list("profile_id", "status", "checked_in_at")
        )
        confirmed = [profile for profile, status, _at in rows if status == "confirmed"]
        waiting = [profile for profile, status, _at in rows if status == "waitlisted"]
        checked = {profile for profile, _status, at in rows if at is not None}
        assert sorted(confirmed) == sorted(self.profiles[p].pk for p in self.confirmed)
        assert waiting == [self.profiles[p].pk for p in self.waiting]
        assert self.capacity is None or len(confirmed) <= self.capacity
        assert len(rows) == len({profile for profile, _status, _at in rows})
        assert checked == {self.profiles[p].pk for p in self.checked_in}


@pytest.mark.django_db
def test_registration_rules_hold_over_thousands_of_steps(events_index):
    RegistrationMachine.event = publish(EventPageFactory(parent=events_index, capacity=2))
    RegistrationMachine.profiles = ProfileFactory.create_batch(PEOPLE)
    RegistrationMachine.TestCase.settings = settings(
        max_examples=40, stateful_step_count=50, deadline=None
    )
    RegistrationMachine.TestCase().runTest()
