"""The resume store: one Parquet part per finished point, in a folder next to the output.

Each part is written whole or not at all (temporary file, then rename), so a sweep killed at
any moment loses no finished point and never sees half a part. ``manifest.json`` holds the
sweep's fingerprint (spec, scenario, design): ``--resume`` refuses a store of another sweep.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["PartStore", "ROW_SCHEMA", "rows_table"]

ROW_SCHEMA = pa.schema(
    [("point", pa.int64()), ("replication", pa.int64()), ("kpi", pa.string()), ("value", pa.float64())]
)


def rows_table(point: int, rows: list[tuple[int, str, float]]) -> pa.Table:
    return pa.table(
        {
            "point": [point] * len(rows),
            "replication": [r[0] for r in rows],
            "kpi": [r[1] for r in rows],
            "value": [r[2] for r in rows],
        },
        schema=ROW_SCHEMA,
    )


class PartStore:
    """A folder of ``point-NNNNNNN.parquet`` parts and a manifest."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _part(self, point: int) -> Path:
        return self.folder / f"point-{point:07d}.parquet"

    def open(self, fingerprint: str, resume: bool) -> set[int]:
        """Prepare the store; returns the points already done (only with ``resume``).

        Raises
        ------
        InputError
            A store exists and ``resume`` is not given, or it belongs to another sweep.
        """
        manifest = self.folder / "manifest.json"
        if self.folder.exists():
            if not resume:
                raise InputError(
                    [
                        Problem(
                            SourceRef(str(self.folder)),
                            "a partial sweep is stored here",
                            "add --resume to continue it, or --force to start over",
                        )
                    ]
                )
            try:
                found = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
            except (OSError, ValueError):
                found = None
            if found != fingerprint:
                raise InputError(
                    [
                        Problem(
                            SourceRef(str(self.folder)),
                            "the stored points belong to another sweep (spec, scenario or design changed)",
                            "the same spec to resume, or --force to start over",
                        )
                    ]
                )
            return {int(p.stem.split("-")[1]) for p in self.folder.glob("point-*.parquet")}
        self.folder.mkdir(parents=True)
        self._write(manifest, json.dumps({"fingerprint": fingerprint}).encode())
        return set()

    def _write(self, path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def write(self, point: int, rows: list[tuple[int, str, float]]) -> None:
        sink = pa.BufferOutputStream()
        pq.write_table(rows_table(point, rows), sink)
        self._write(self._part(point), sink.getvalue().to_pybytes())

    def read(self, points: int) -> pa.Table:
        """Every part, in point order (all ``points`` must be there)."""
        return pa.concat_tables([pq.read_table(self._part(i), schema=ROW_SCHEMA) for i in range(points)])

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def discard(folder: str | Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
