"""Distances on the Earth, as both backends measure them.

``haversine_km`` gives the great-circle distance shown beside a hit. ``unit_point``
places a latitude and longitude on the unit sphere: the straight chord between two
such points grows with their great-circle distance, so the database backend filters
and sorts by distance with plain arithmetic on either database.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def unit_point(latitude: float, longitude: float) -> tuple[float, float, float]:
    """The place as a point of the unit sphere (x, y, z)."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
