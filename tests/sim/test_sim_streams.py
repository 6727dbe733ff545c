"""A document's random stream (govmodel.sim.streams.document_stream): made without seeding a
Mersenne Twister, fixed when the document arrives (common random numbers), a full
``random.Random`` for every draw the simulation makes."""

from __future__ import annotations

import random
import statistics

import pytest

from govmodel.sim import streams
from govmodel.sim.streams import BLOCK, document_stream


def _draws(rng: random.Random, n: int) -> list[float]:
    return [rng.random() for _ in range(n)]


def test_a_document_draws_the_same_numbers_whatever_other_documents_draw() -> None:
    # two runs of the same arrival process: in the second, the first document draws 40 numbers
    # (past its block) before the second document arrives; the second document's numbers and
    # the arrival process's own later draws are the same in both
    src_a, src_b = random.Random(7), random.Random(7)
    first_a = document_stream(src_a)
    second_a = document_stream(src_a)
    first_b = document_stream(src_b)
    _draws(first_b, 40)
    second_b = document_stream(src_b)
    assert _draws(second_a, 30) == _draws(second_b, 30)
    assert src_a.random() == src_b.random()
    assert _draws(first_a, 40) == _draws(document_stream(random.Random(7)), 40)


def test_the_arrival_stream_advances_by_the_same_draws_for_every_document() -> None:
    src, ref = random.Random(3), random.Random(3)
    rng = document_stream(src)
    block = [ref.random() for _ in range(BLOCK)]
    key = ref.getrandbits(64)
    assert src.getstate() == ref.getstate()
    # the block first, then a Mersenne Twister seeded from the key
    assert _draws(rng, BLOCK + 5) == block + _draws(random.Random(key), 5)


def test_every_method_the_simulation_uses_draws_from_the_stream() -> None:
    docs = [document_stream(random.Random(s)) for s in range(2000)]
    expo = [d.expovariate(2.0) for d in docs]
    assert abs(statistics.fmean(expo) - 0.5) < 0.05
    logn = [d.lognormvariate(0.0, 0.25) for d in docs]
    assert abs(statistics.median(logn) - 1.0) < 0.05
    assert all(1 <= d.randint(1, 3) <= 3 for d in docs)
    picks = [tuple(d.sample(["a", "b", "c", "d"], 2)) for d in docs]
    assert all(len(set(p)) == 2 for p in picks) and len(set(picks)) == 12
    tri = [d.triangular(1.0, 3.0, 2.0) for d in docs]
    assert all(1.0 <= x <= 3.0 for x in tri) and abs(statistics.fmean(tri) - 2.0) < 0.05
    assert all(0.0 <= d.uniform(0.0, 1.0) < 1.0 for d in docs)


def test_making_a_stream_seeds_no_mersenne_twister(monkeypatch: pytest.MonkeyPatch) -> None:
    seeded: list[int] = []
    real = streams._seed_random
    monkeypatch.setattr(streams, "_seed_random", lambda rng, key: (seeded.append(key), real(rng, key)))
    rng = document_stream(random.Random(1))
    _draws(rng, BLOCK)
    assert seeded == []  # a document within its block never pays for one
    _draws(rng, 3)
    assert len(seeded) == 1  # past it, once
