"""Random streams: one per purpose (arrivals, attributes, service, absences), derived from the
seed, the replication index and the stream's name, so scenarios compared with the same seed
share them (common random numbers); and a document's own stream, made without seeding a
generator (:func:`document_stream`)."""

from __future__ import annotations

import _random
import random
from itertools import repeat, starmap

__all__ = ["stream", "DocumentStream", "document_stream", "BLOCK"]

_new_random = random.Random.__new__
_seed_random = _random.Random.seed
_mt_random = _random.Random.random


def stream(seed: int, replication: int, purpose: str) -> random.Random:
    """An independent random stream for one purpose (string seeding is SHA-512 based, so
    the same in every process and Python run)."""
    return random.Random(f"govmodel/{seed}/{replication}/{purpose}")


BLOCK = 24
"""Uniforms drawn for a document when it arrives, its first draws: a document of the bundled
baseline draws 12 on average, 6 % draw more (then pay for seeding a generator once)."""


class DocumentStream(random.Random):
    """A document's own random stream, made in under a microsecond.

    Seeding a Mersenne Twister costs ~4 µs (its 624-word state), a fifth of what a document
    of the tandem workload costs in all (issue #11). A document's stream is instead its first
    :data:`BLOCK` uniforms, drawn from the attributes stream of its arrival process when it
    arrives, then, only for a document that needs more, a Mersenne Twister seeded from a
    64-bit key drawn at the same moment. What a document draws is therefore fixed when it
    arrives, whatever other documents do: scenarios compared with the same seed give the same
    document the same numbers (common random numbers) as long as its arrivals are the same.

    Every method of :class:`random.Random` works through :meth:`random`: a subclass that
    overrides ``random`` and not ``getrandbits`` gets a ``_randbelow`` built on ``random``
    (``Random.__init_subclass__``), so ``randint`` and ``sample`` use the block too.
    """

    _u: list[float]
    _i: int
    _key: int

    def random(self) -> float:
        i = self._i
        if i < BLOCK:
            self._i = i + 1
            return self._u[i]
        if i == BLOCK:  # past the block: the Mersenne Twister, seeded once from the key
            _seed_random(self, self._key)
            self._i = i + 1
        return _mt_random(self)


def document_stream(source: random.Random) -> DocumentStream:
    """A new document's stream, drawn from ``source`` (its arrival process's attributes
    stream): :data:`BLOCK` uniforms and a 64-bit key, always the same number of draws."""
    rng = _new_random(DocumentStream)
    rng._u = list(starmap(source.random, repeat((), BLOCK)))
    rng._i = 0
    rng._key = source.getrandbits(64)
    rng.gauss_next = None  # type: ignore[attr-defined]  # set by Random.__init__, not in the stubs
    return rng
