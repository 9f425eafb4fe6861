"""Counting what a person did in a window of time, on the cache every worker shares.

The contact relay (``members``) and the accessibility contact form (``home``) limit
how many messages one sender sends an hour; both count here.
"""

from __future__ import annotations

from django.core.cache import cache


def spend(key: str, *, window_seconds: int) -> int:
    """Counts one more action under ``key`` and returns how many its window holds.

    The window opens with the first action: ``add`` writes the counter with its
    expiry, or does nothing when the counter exists. ``incr`` then adds one without
    touching the expiry, atomically for every worker on production's Redis (INCR),
    so two workers cannot both take the last action. If the window closes between
    the two calls, ``incr`` finds nothing (local memory) or, on Redis, opens a
    counter at 1 with no expiry: either way a new window starts here.
    """
    while not cache.add(key, 1, window_seconds):
        try:
            count = cache.incr(key)
        except ValueError:
            continue
        if count == 1:
            cache.touch(key, window_seconds)
        return count
    return 1


def spent(key: str) -> int:
    """How many actions ``key``'s open window holds (0 when none is open)."""
    return cache.get(key, 0)
