"""Make ``govmodel`` importable from the src layout when it is not installed.

Remove once the project installs itself in the venv (``pip install -e .``) or sets
``[tool.pytest.ini_options] pythonpath = ["src"]``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("govmodel") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
