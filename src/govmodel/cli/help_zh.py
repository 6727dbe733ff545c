"""The Chinese half of the command line's help texts.

Every option's help is bilingual (中文 / English). Options whose help is written in English
only get their Chinese here, keyed by the option (``--k``) or by ``command:--option`` where the
same option means something else in one command; :func:`bilingual` prefixes it when the
parser is built. A catalogue rather than edits spread over every ``add_argument``: the
English text stays next to the option, the translations in one place a translator can read,
and ``tests/report/test_names.py`` fails on any option left without Chinese.
"""

from __future__ import annotations

import argparse
import re

__all__ = ["ZH", "EN", "bilingual"]

ZH: dict[str, str] = {
    "model": "模型文件夹(默认:内置模型dalian-2014，并在标准错误输出中注明)",
    "replay:model": "模型文件夹(默认:情景的模型;给出时取代情景的模型)",
    "--assume": "开关一项命名假设(可重复)",
    "--k": "同时缺位的人数上限",
    "reform:--k": "验证中同时缺位的人数上限",
    "--k-authority": "职权比较中每个情形的缺位人数",
    "--timeout": "每次求解的超时秒数;超时则结果未知",
    "--related-max": "一份文件涉及的相关部门数上限",
    "--class": "只检查这一类性质(可重复)",
    "--format": "输出格式",
    "--out": "写入文件(完整写入或不写)",
    "graph:--out": "输出文件",
    "--baseline": "已接受问题的基线文件，每项附理由",
    "--write-baseline": "另写一个基线草稿，接受当前每项违反(理由待填写)",
    "--readings": "验证所选解读的每种组合",
    "--max-readings": "组合过多时抽样检查的组合数",
    "a": "情景A(参照)",
    "b": "情景B，或改革方案(B = A加上该改革)",
    "fingerprint": "检查结果的指纹(唯一前缀即可)",
    "--document-type": "某一文件类型的办理程序",
    "--meeting": "某一会议:组成、主持、议程",
    "replay:--meetings": "会议按情景的频次召开(默认)，或按反例的日期",
    "--role": "某一角色及其关系",
    "file": "改革方案文件",
    "--scenario": "所用情景(默认:基准情景)",
    "replay:--scenario": "情景文件:日历、办理时长、会议日期与等待策略",
    "--replications": "重复次数",
    "reform:--replications": "配对重复次数",
    "--seed": "随机种子",
    "--jobs": "并行进程数(不影响结果;默认每个CPU一个，每个进程至少两次重复)",
    "--no-sim": "不做仿真",
    "--reform": "改革方案文件(可重复)",
    "--events": "写出事件日志(CSV，每次办理一行)",
    "--plots": "把图(PNG)写入该文件夹",
    "--progress": "总是显示进度条",
    "--no-progress": "从不显示进度条",
    "--max-events": "每次重复的仿真事件预算",
    "scenario": "情景文件",
    "name": "角色、人员、文件类型、会议或其他要素:ID或中英文名称",
    "--force": "经符号链接写入",
    "--parents": "创建缺少的上级文件夹",
    "--scheduler": "Dask调度器地址",
    "--workers": "本地集群的工作进程数",
    "--max-size": "验证规模(情形数)上限",
    "sweep:spec": "参数扫描说明文件",
    "sweep:--out": "输出文件夹",
    "sweep:--csv": "另写table.csv",
    "sweep:--resume": "继续已部分完成的扫描",
    "sweep:--force": "重新开始:丢弃已存结果并覆盖输出",
}

# English for the few options declared without any help
EN: dict[str, str] = {
    "--format": "output format (default text)",
    "--out": "write to FILE instead of standard output (whole or not at all)",
    "fingerprint": "the finding's fingerprint from govmodel check (a unique prefix is enough)",
}

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _keys(command: str, action: argparse.Action) -> list[str]:
    names = [s for s in action.option_strings if s.startswith("--")] or [action.dest]
    return [f"{command}:{n}" for n in names] + names


def bilingual(command: str, parser: argparse.ArgumentParser) -> None:
    """Prefix the Chinese of every English-only help of ``parser`` (a subcommand's)."""
    for action in parser._actions:
        if not action.help:
            action.help = next((EN[k] for k in _keys(command, action) if k in EN), None)
        if not action.help or action.help == argparse.SUPPRESS or _CJK.search(action.help):
            continue
        zh = next((ZH[k] for k in _keys(command, action) if k in ZH), None)
        if zh is not None:
            action.help = f"{zh} / {action.help}"
