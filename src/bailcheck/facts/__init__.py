"""The documented facts that rules test: a registry and the topic modules that fill it.

Importing any part of this package imports every topic module, so the registry is always
complete; the topic modules import the registry, never the other way round.
"""

from bailcheck.facts import (  # noqa: F401  (each registers its facts)
    authority,
    case,
    clock,
    condition,
    drafting,
    package,
    places,
    rights,
)
