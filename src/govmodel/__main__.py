"""``python -m govmodel``: the command line (:func:`govmodel.cli.console.run`, as the ``govmodel``
console script)."""

from govmodel.cli.console import run

run()
