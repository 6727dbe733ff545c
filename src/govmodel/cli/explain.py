"""``govmodel explain FINGERPRINT [MODEL]``: the articles' Chinese text and the
counterexample of one finding as a short story, in Chinese and English."""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.bounds import add_bounds_arguments, bounds_from_args
from govmodel.cli.common import add_model_argument, model_from_args, verify_with_progress
from govmodel.cli.options import check_k
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "run", "story", "explain_text"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help="解释一项检查结果 / explain one finding (articles and story)",
        description="Print the articles' text and the counterexample of the finding with FINGERPRINT "
        "(from govmodel check; a unique prefix is enough).",
    )
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    add_model_argument(p)
    add_bounds_arguments(p)
    p.set_defaults(run=run)


def story(model, f) -> tuple[str, str]:  # (Model, Finding) -> (zh, en)
    """The counterexample told as a short story (Chinese, English)."""
    from govmodel.verify.decode import label_of

    cx = f.counterexample
    if cx is None:
        return (
            f"该性质{'成立' if f.status == 'holds' else '结论未知'}:{f.message.zh}",
            f"The property {'holds' if f.status == 'holds' else 'is unknown'}: {f.message.en}",
        )
    zh, en = [], []
    if cx.cast:
        from govmodel.report.names import Names

        scene = Names(model).scene(cx.cast)
        zh.append("设想这样的情形:" + scene.zh + "。")
        en.append("Picture this: " + scene.en + ".")
    if cx.conditions:
        zh.append("文件的情况:" + "、".join(label_of(model, c).zh for c in cx.conditions) + "。")
        en.append("The document is: " + ", ".join(label_of(model, c).en for c in cx.conditions) + ".")
    if cx.absent:
        zh.append(
            "此时"
            + "、".join(
                f"{label_of(model, a.person).zh}因{label_of(model, a.reason).zh}不在岗" for a in cx.absent
            )
            + "。"
        )
        en.append(
            "At that time "
            + ", ".join(
                f"{label_of(model, a.person).en} is away ({label_of(model, a.reason).en})" for a in cx.absent
            )
            + "."
        )
    elif f.cls in ("coverage", "separation"):
        zh.append("此时无人缺位。")
        en.append("Nobody is away.")
    for step in cx.trace:
        zh.append(step.text.zh.strip() + ("" if step.text.zh.strip().endswith("。") else "。"))
        en.append(step.text.en.strip() + ("" if step.text.en.strip().endswith(".") else "."))
    zh.append("结果:" + f.message.zh)
    en.append("So: " + f.message.en)
    return "\n".join(zh), "\n".join(en)


def explain_text(model, results, fingerprint: str) -> str:  # (Model, Results, str) -> str
    """The text ``explain`` prints for the finding with ``fingerprint`` (or a unique prefix):
    the finding's block exactly as ``check`` printed it (the same canonical witness), then
    the property, the assumptions, the articles' text and the story."""
    from govmodel.report.verify_text import finding_text
    from govmodel.report.words import articles_en, articles_zh

    wanted = fingerprint.strip().lower()
    found = [f for f in results.findings if f.fingerprint.startswith(wanted)] if wanted else []
    if len(found) != 1:
        what = "no finding has" if not found else f"{len(found)} findings have"
        where = f" among the {len(results.findings)} findings of model {model.name} ({model.folder})"
        raise InputError(
            [
                Problem(
                    SourceRef("FINGERPRINT"),
                    f"{what} fingerprint {fingerprint!r}{where}",
                    "a fingerprint printed by 'govmodel check' on this model (a unique prefix is "
                    "enough); give the MODEL folder check was run on",
                )
            ]
        )
    f = found[0]
    out = finding_text(f, model=model)
    out += [
        "",
        f"性质 Property: {f.statement.zh}",
        f"              {f.statement.en}",
        "",
        "假设 Assumptions in force: " + (", ".join(results.in_force) or "—"),
        "",
        "条文 Articles:",
    ]
    for n in f.articles:
        text = model.article_text(n)
        out.append(f"  {articles_zh([n])} ({articles_en([n])}):")
        out += [
            f"    {line}" for line in (text.splitlines() or ["(原文中未找到 / not found in the source text)"])
        ]
    zh, en = story(model, f)
    out += [
        "",
        "经过 (中文):",
        *[f"  {x}" for x in zh.splitlines()],
        "",
        "Story (English):",
        *[f"  {x}" for x in en.splitlines()],
    ]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    model = model_from_args(args)
    check_k(args.k, model)
    results = verify_with_progress(model, bounds_from_args(args), args.classes)
    sys.stdout.write(explain_text(model, results, args.fingerprint))
    return 0
