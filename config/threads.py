"""Work done ahead in a thread: reading and checking the next batches of a long import
while the database writes the last one (the database's waits release the GIL)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.utils import translation

T = TypeVar("T")
_END = object()


def ahead(items: Iterable[T], *, depth: int) -> Iterator[T]:
    """``items``, computed in a thread at most ``depth`` items ahead of the consumer.

    Runs in the consumer's language; an exception raised while computing an item is
    raised again to the consumer, at that item. A consumer that stops early stops
    the thread at its next item.
    """
    waiting: queue.Queue = queue.Queue(maxsize=depth)
    stopped = threading.Event()
    language = translation.get_language()

    def produce() -> None:
        with translation.override(language):
            try:
                for item in items:
                    if not _put(waiting, item, stopped):
                        return
            except BaseException as error:  # noqa: BLE001 - handed to the consumer
                _put(waiting, error, stopped)
                return
        _put(waiting, _END, stopped)

    thread = threading.Thread(target=produce, name="ahead", daemon=True)
    thread.start()
    try:
        while (item := waiting.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stopped.set()
        thread.join()


def _put(waiting: queue.Queue, item: object, stopped: threading.Event) -> bool:
    while not stopped.is_set():
        try:
            waiting.put(item, timeout=0.1)
        except queue.Full:
            continue
        return True
    return False
