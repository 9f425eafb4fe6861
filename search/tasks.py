"""The search's background work, on the django-tasks queue."""

from __future__ import annotations

from django_tasks import task

from search import pending


@task()
def sync_elastic(*, kind: str, ids: list[str]) -> None:
    """Sends the current documents of ``ids`` to Elasticsearch, then drains older leftovers."""
    pending.send(kind, ids)
