"""The number a quorum needs, read as the text writes it (share or count, with or without the
number itself), and its smallest breaking set of absences on the tiny models."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.model import types as t
from govmodel.verify import Bounds, verify
from govmodel.verify.checks.quorum import needed

HERE = Path(__file__).parent


@pytest.mark.parametrize(
    ("share", "count", "bound", "n", "want"),
    [
        ("1/2", None, "at_least", 4, 2),
        ("1/2", None, "more_than", 4, 3),
        ("1/2", None, "at_least", 5, 3),
        ("1/2", None, "more_than", 5, 3),
        ("2/3", None, "at_least", 6, 4),
        (None, 3, "at_least", 9, 3),
        (None, 3, "more_than", 9, 4),
    ],
)
def test_needed(share, count, bound, n, want) -> None:
    q = t.Quorum(share=share, count=count, bound=bound, articles=(1,))
    assert needed(q, n) == want


def test_two_absent_vice_mayors_of_four_stop_the_meeting() -> None:
    model = load_model(HERE / "bad" / "quorum-broken-by-two-absences")
    res = verify(model, Bounds(k=2), classes=["coverage"])
    f = next(f for f in res.findings if f.property == "coverage.quorum")
    assert f.status == Status.violated and f.bounds["resilience"] == 2
    assert f.counterexample is not None and len(f.counterexample.absent) == 2
    assert {a.person for a in f.counterexample.absent} <= {"p_vm1", "p_vm2", "p_vm3", "p_vm4"}


def test_the_reading_with_the_number_itself_holds_three_absences_breaks_it() -> None:
    model = load_model(HERE / "good" / "quorum-kept-with-two-absences")
    res = verify(model, Bounds(k=3), classes=["coverage"])
    f = next(f for f in res.findings if f.property == "coverage.quorum")
    assert f.status == Status.violated and f.bounds["resilience"] == 3


STAND_INS = HERE / "bad" / "quorum-stand-ins-not-counted"


def _quorum(model, k: int):
    res = verify(model, Bounds(k=k), classes=["coverage"])
    return next(f for f in res.findings if f.property == "coverage.quorum")


def test_a_stand_in_counts_toward_the_quorum_only_under_the_named_assumption() -> None:
    # 代为出席 names a stand-in, the text does not say whether he counts toward 半数以上的副市长:
    # off (the default here), two absent vice mayors of four break "more than half", and the
    # finding says which reading it applied
    off = _quorum(load_model(STAND_INS), 2)
    assert off.status == Status.violated and off.bounds["resilience"] == 2
    assert "art3_stand_ins_count_toward_quorum" in off.message.en and "not counted" in off.message.en
    # on: a present deputy secretary-general standing in for an absent vice mayor counts, once;
    # breaking the quorum now takes both stand-ins and two vice mayors away
    model = load_model(STAND_INS, {"art3_stand_ins_count_toward_quorum": True})
    assert _quorum(model, 3).status == Status.holds
    on = _quorum(model, 4)
    assert on.status == Status.violated and on.bounds["resilience"] == 4
    assert {a.person for a in on.counterexample.absent} >= {"p_dsg1", "p_dsg2"}
    assert "stand-ins counted" in on.message.en


def test_the_stand_ins_are_the_rules_deputies_for_any_counted_holder() -> None:
    # the rule is limited to this meeting and covers every act: each deputy secretary-general
    # may attend for any of the four vice mayors (counted once each: a person is one seat)
    model = load_model(STAND_INS, {"art3_stand_ins_count_toward_quorum": True})
    from govmodel.verify.checks.quorum import attendees, stand_ins

    m = model.get("executive_meeting")
    extra = stand_ins(model, m, attendees(model, m, m.quorum[0]))
    assert set(extra) == {"p_dsg1", "p_dsg2"} and all(len(whom) == 4 for whom in extra.values())


def test_no_stand_in_no_reading_said() -> None:
    # where no rule makes anyone stand in, the finding says nothing about stand-ins
    f = _quorum(load_model(HERE / "bad" / "quorum-broken-by-two-absences"), 2)
    assert "stand-in" not in f.message.en
