"""Cross-checks between the layers that never import each other: verification and simulation
seen on the same case.

- :mod:`~govmodel.crosscheck.assess`: a reform judged by verify, sim and the graph together;
- :mod:`~govmodel.crosscheck.replay`: a verification counterexample run as one deterministic
  simulation, with a verdict (does the simulation show what the verifier predicted?).

This package sits above :mod:`govmodel.verify` and :mod:`govmodel.sim` and below
:mod:`govmodel.report` and :mod:`govmodel.cli`; its results are plain typed values that the
renderers of :mod:`govmodel.report` turn into text, JSON and HTML.
"""

from govmodel.crosscheck.assess import FindingChange, ReformAssessment, assess_reform, compare_findings

__all__ = ["FindingChange", "ReformAssessment", "assess_reform", "compare_findings"]
