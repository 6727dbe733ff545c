"""What a property says is written in words: a two-level check names its acts and who acts,
an unnamed leave approver its situation by label, never by id (they read
"no one both reviews (art48_government_document.review_leader) and …" and "(meeting_absence)")."""

from __future__ import annotations

from govmodel.model import load_model
from govmodel.verify import Bounds
from govmodel.verify.checks import separation, unspecified


def test_two_level_and_leave_statements_carry_no_ids() -> None:
    model = load_model()
    props = [
        *separation.properties(model, Bounds()),
        *(p for p in unspecified.properties(model, Bounds()) if p.id == "unspecified.leave"),
    ]
    assert any(p.id == "separation.two_levels" for p in props)
    assert any(p.id == "unspecified.leave" for p in props)
    for p in props:
        ids = [*p.subject.ids, p.subject.situation or ""]
        for tok in (i for i in ids if "_" in i or "." in i):  # "mayor" is a word of "Vice mayor"
            assert tok not in p.statement.zh and tok not in p.statement.en, (p.subject, p.statement)
