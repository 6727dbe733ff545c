"""The replay's words (中文 and English): acts, steps, and why nobody could perform a step.
Read by the run (:mod:`.replay_run`) and the verdicts (:mod:`.replay_verdict`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from govmodel.graph.authority import Context, deputy_holders, deputy_rules_for, holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label, articles_label

__all__ = ["act_label", "step_label", "step_of", "why_blocked"]


def act_label(model: Model, act: str) -> Label:
    """An act in the model's words (:meth:`Model.act_label`)."""
    return model.act_label(act)


def _verb(act: str) -> str:
    """The act as an English infinitive ('signs' → 'sign', 'routes_to' → 'route to')."""
    words = act.split("_")
    if words[0].endswith("s") and not words[0].endswith("ss"):
        words[0] = words[0][:-1]
    return " ".join(words)


def step_label(model: Model, node: str) -> Label:
    """A step in words: who does what ('市长签发' / 'Mayor signs')."""
    step = step_of(model, node)
    if step is None:
        return Label(node, node)
    al = act_label(model, step.act)
    if not step.by:
        return Label(al.zh, al.en)
    return Label(
        "或".join(model.label(a).zh for a in step.by) + al.zh,
        " or ".join(model.label(a).en for a in step.by) + " " + al.en,
    )


def _join(model: Model, ids: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(getattr(model.label(i), lang) for i in ids)


def why_blocked(
    model: Model, actors: tuple[str, ...], act: str, doc_type: str, ctx: Context, absent: Mapping[str, str]
) -> Label:
    """Why nobody present may perform ``act`` as one of ``actors``: each absent holder, and
    for each the deputy rules of the model that could have covered and why they do not."""
    zh: list[str] = []
    en: list[str] = []
    al = act_label(model, act)
    persons = [(a, p) for a in actors for p in holders(model, a, ctx)]
    if not persons:
        names = _join(model, actors, "zh"), _join(model, actors, "en")
        return Label(
            f"名单中此情形下无人担任{names[0]},无人可{al.zh}",
            f"nobody in the cast holds {names[1]} here, so nobody may {_verb(act)}",
        )
    zh.append(f"无人在岗可{al.zh}")
    en.append(f"nobody present may {_verb(act)}")
    for actor, person in persons:
        reason = absent.get(person)
        if reason is None:
            continue
        pl, rl, ro = model.label(person), model.label(reason), model.label(actor)
        zh.append(f"{pl.zh}({ro.zh})因{rl.zh}不在岗")
        en.append(f"{pl.en} ({ro.en}) is away: {rl.en}")
        rules = deputy_rules_for(model, actor, act, doc_type, person)
        if not rules:
            zh.append(f"规则未规定由谁代{ro.zh}{al.zh}")
            en.append(f"no rule names a stand-in for the {ro.en} to {_verb(act)}")
        for r in rules:
            lab, arts = model.label(r.id), articles_label(r.articles)
            if reason not in r.when_absent_for:
                zh.append(f"「{lab.zh}」({arts.zh})仅适用于{_join(model, r.when_absent_for, 'zh')}")
                en.append(f"'{lab.en}' ({arts.en}) names only {_join(model, r.when_absent_for, 'en')}")
                continue
            deps = [d for d in deputy_holders(model, r, person, ctx) if d != person]
            if not deps:
                zh.append(f"「{lab.zh}」({arts.zh})所指的{model.label(r.deputy).zh}无人担任")
                en.append(f"nobody holds the {model.label(r.deputy).en} named by '{lab.en}' ({arts.en})")
            for d in deps:
                if d in absent:
                    zh.append(
                        f"依「{lab.zh}」({arts.zh})代行的{model.label(d).zh}"
                        f"也因{model.label(absent[d]).zh}不在岗"
                    )
                    en.append(
                        f"{model.label(d).en}, who stands in under '{lab.en}' ({arts.en}), "
                        f"is away too: {model.label(absent[d]).en}"
                    )
    return Label(";".join(zh), "; ".join(en))


def step_of(model: Model, node: str) -> t.Step | None:
    proc_id, _, step_id = node.partition(".")
    proc = model.get(proc_id)
    for s in getattr(proc, "steps", ()) or ():
        if isinstance(s, t.Step) and s.id == step_id:
            return s
    return None
