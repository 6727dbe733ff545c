"""Boolean terms and solver calls made straight through z3's C API: the same terms
``z3.And``/``z3.Or``/``z3.Not``/``z3.AtMost`` make (z3 hash-conses terms, so the very same
ASTs) and the same ``check``, without the Python API's per-argument coercion (sort look-ups,
casts and equality tests per argument), which was a fifth of a check's time (issue #11).

Every term of the verifier lives in z3's main context and is Boolean; these helpers accept
nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

import z3

# z3 answers Ctrl-C itself by default: it cancels the check under way, which returns "unknown
# (interrupted from keyboard)", and Python never sees the signal, so `govmodel check` carried on
# and reported unknown results (exit 3, or a report written) instead of stopping with exit 130.
# Without its handler the signal reaches Python: KeyboardInterrupt once the check returns (a
# check takes milliseconds here; the timeout bounds the rest).
z3.set_param("ctrl_c", False)

__all__ = [
    "var",
    "true",
    "false",
    "conj",
    "disj",
    "neg",
    "implies",
    "at_most",
    "add",
    "check",
    "truths",
    "truth",
]


def _array(args: Sequence[z3.BoolRef]) -> z3.Ast:
    arr = (z3.Ast * len(args))()
    for i, a in enumerate(args):
        arr[i] = a.ast
    return arr


def var(name: str) -> z3.BoolRef:
    """``z3.Bool(name)``."""
    ctx = z3.main_ctx()
    ref = ctx.ref()
    return z3.BoolRef(z3.Z3_mk_const(ref, z3.Z3_mk_string_symbol(ref, name), z3.Z3_mk_bool_sort(ref)), ctx)


_CONSTANTS: dict[bool, z3.BoolRef] = {}


def true() -> z3.BoolRef:
    """``z3.BoolVal(True)`` (one term, made once)."""
    found = _CONSTANTS.get(True)
    if found is None:
        ctx = z3.main_ctx()
        found = _CONSTANTS[True] = z3.BoolRef(z3.Z3_mk_true(ctx.ref()), ctx)
    return found


def false() -> z3.BoolRef:
    """``z3.BoolVal(False)`` (one term, made once)."""
    found = _CONSTANTS.get(False)
    if found is None:
        ctx = z3.main_ctx()
        found = _CONSTANTS[False] = z3.BoolRef(z3.Z3_mk_false(ctx.ref()), ctx)
    return found


def conj(args: Sequence[z3.BoolRef]) -> z3.BoolRef:
    """``z3.And(args)``."""
    ctx = z3.main_ctx()
    return z3.BoolRef(z3.Z3_mk_and(ctx.ref(), len(args), _array(args)), ctx)


def disj(args: Sequence[z3.BoolRef]) -> z3.BoolRef:
    """``z3.Or(args)``."""
    ctx = z3.main_ctx()
    return z3.BoolRef(z3.Z3_mk_or(ctx.ref(), len(args), _array(args)), ctx)


def neg(a: z3.BoolRef) -> z3.BoolRef:
    """``z3.Not(a)``."""
    ctx = z3.main_ctx()
    return z3.BoolRef(z3.Z3_mk_not(ctx.ref(), a.ast), ctx)


def implies(a: z3.BoolRef, b: z3.BoolRef) -> z3.BoolRef:
    """``z3.Implies(a, b)``."""
    ctx = z3.main_ctx()
    return z3.BoolRef(z3.Z3_mk_implies(ctx.ref(), a.ast, b.ast), ctx)


def at_most(args: Sequence[z3.BoolRef], k: int) -> z3.BoolRef:
    """``z3.AtMost(*args, k)`` (at least one argument)."""
    ctx = z3.main_ctx()
    return z3.BoolRef(z3.Z3_mk_atmost(ctx.ref(), len(args), _array(args), k), ctx)


def add(s: z3.Solver, constraints: Sequence[z3.BoolRef]) -> None:
    """``s.add(constraints)``."""
    ref = s.ctx.ref()
    for c in constraints:
        z3.Z3_solver_assert(ref, s.solver, c.ast)


def check(s: z3.Solver, assumptions: Sequence[z3.BoolRef]) -> z3.CheckSatResult:
    """``s.check(*assumptions)``."""
    return z3.CheckSatResult(
        z3.Z3_solver_check_assumptions(s.ctx.ref(), s.solver, len(assumptions), _array(assumptions))
    )


def truths(m: z3.ModelRef, formulas: Sequence[z3.BoolRef]) -> list[bool]:
    """``[z3.is_true(m.eval(f, model_completion=True)) for f in formulas]``."""
    ctx = m.ctx.ref()
    out = []
    r = (z3.Ast * 1)()
    for f in formulas:
        if not z3.Z3_model_eval(ctx, m.model, f.ast, True, r):
            raise z3.Z3Exception("failed to evaluate expression in the model")
        out.append(z3.Z3_get_bool_value(ctx, r[0]) == z3.Z3_L_TRUE)
    return out


def truth(m: z3.ModelRef, formula: z3.BoolRef) -> bool:
    """``z3.is_true(m.eval(formula, model_completion=True))``."""
    return truths(m, [formula])[0]
