"""Geography: the gazetteer (countries, regions, contested areas, GeoNames towns) and distance maths.

``get_gazetteer().lookup("Shushi")`` returns every place the name may refer to,
most populous first; ``haversine_km`` and ``offset`` do the spherical maths.
The index is built once into the user cache folder (see ``geo.index``).
"""

from .distance import bearing_between, haversine_km, offset
from .gazetteer import Candidate, Gazetteer, get_gazetteer
from .names import normalise_name

__all__ = ["Candidate", "Gazetteer", "bearing_between", "get_gazetteer", "haversine_km", "normalise_name", "offset"]
