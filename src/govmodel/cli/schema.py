"""``govmodel schema [--out FILE]``: the JSON Schema of model files, for editors."""

from __future__ import annotations

import argparse
import json
import sys

from govmodel.cli.common import write_atomic
from govmodel.cli.options import add_output_policy

__all__ = ["add_parser", "model_schema"]


def model_schema() -> dict:
    from govmodel.model.types import ModelFile

    schema = ModelFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://govmodel.example/schema/model-file.json"
    schema["title"] = "govmodel model file (models/<ruleset>/*.yaml)"
    return schema


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="模型文件的JSON Schema / JSON Schema of model files")
    p.add_argument("--out", metavar="FILE")
    add_output_policy(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = json.dumps(model_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    return 0
