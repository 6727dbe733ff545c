"""Random streams: one per purpose (arrivals, attributes, service, absences), derived from the
seed, the replication index and the stream's name, so scenarios compared with the same seed
share them (common random numbers); and a document's own generator, seeded fast."""

from __future__ import annotations

import _random
import random

__all__ = ["seeded", "stream"]

_new_random = random.Random.__new__
_seed_random = _random.Random.seed


def seeded(bits: int) -> random.Random:
    """``random.Random(bits)`` for an int, in the same state, without the Python layers of
    ``Random.__init__``/``Random.seed`` (one per document: issue #11)."""
    rng = _new_random(random.Random)
    _seed_random(rng, bits)
    rng.gauss_next = None  # type: ignore[attr-defined]  # set by Random.__init__, not in the stubs
    return rng


def stream(seed: int, replication: int, purpose: str) -> random.Random:
    """An independent random stream for one purpose (string seeding is SHA-512 based, so
    the same in every process and Python run)."""
    return random.Random(f"govmodel/{seed}/{replication}/{purpose}")
