"""A survey's questions written as plain text, the way the office drafts them. Pure.

One question per block, blocks separated by a blank line; the first line names the kind and
the question, the following lines (each starting with "-" or "－") are its choices::

    [单选] 您是否赞成草案的总体思路？
    - 赞成
    - 基本赞成
    - 不赞成

    [多选] 您最关心哪些内容？
    - 停车收费
    - 公交线路

    [填空] 您的其他意见和建议

A single or multiple choice question needs two choices at least; a free-text one has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"


KIND_WORDS = {"单选": Kind.SINGLE, "多选": Kind.MULTIPLE, "填空": Kind.TEXT}
KIND_LABELS = {kind: word for word, kind in KIND_WORDS.items()}
MAX_QUESTIONS = 30
MAX_CHOICES = 20
MAX_LENGTH = 200
_HEAD = re.compile(r"^[\[［【]\s*(单选|多选|填空)\s*[\]］】]\s*(.+)$")
_CHOICE = re.compile(r"^[-－]\s*(.+)$")


@dataclass(frozen=True)
class Question:
    kind: Kind
    text: str
    choices: tuple[str, ...] = ()


class SurveyTextError(ValueError):
    """The text cannot be read as questions; the message says where, in Chinese."""


def parse(source: str) -> list[Question]:
    questions: list[Question] = []
    blocks = [b for b in re.split(r"\n\s*\n", source.replace("\r\n", "\n").strip()) if b.strip()]
    if not blocks:
        raise SurveyTextError("请至少填写一个问题")
    if len(blocks) > MAX_QUESTIONS:
        raise SurveyTextError(f"问题不能超过{MAX_QUESTIONS}个")
    for number, block in enumerate(blocks, start=1):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        head = _HEAD.match(lines[0])
        if head is None:
            raise SurveyTextError(f"第{number}个问题应以“[单选]”“[多选]”或“[填空]”开头")
        kind, text = KIND_WORDS[head.group(1)], head.group(2).strip()
        choices: list[str] = []
        for line in lines[1:]:
            choice = _CHOICE.match(line)
            if choice is None:
                raise SurveyTextError(f"第{number}个问题的选项应以“-”开头：{line[:30]}")
            choices.append(choice.group(1).strip())
        if kind is Kind.TEXT and choices:
            raise SurveyTextError(f"第{number}个问题是填空题，不能有选项")
        if kind is not Kind.TEXT and len(choices) < 2:
            raise SurveyTextError(f"第{number}个问题至少需要两个选项")
        if len(choices) > MAX_CHOICES:
            raise SurveyTextError(f"第{number}个问题的选项不能超过{MAX_CHOICES}个")
        if len(set(choices)) != len(choices):
            raise SurveyTextError(f"第{number}个问题有重复的选项")
        if any(len(s) > MAX_LENGTH for s in (text, *choices)):
            raise SurveyTextError(f"第{number}个问题或其选项超过{MAX_LENGTH}字")
        questions.append(Question(kind, text, tuple(choices)))
    return questions


def write(questions: list[Question]) -> str:
    """The text :func:`parse` reads back to the same questions."""
    blocks = []
    for q in questions:
        lines = [f"[{KIND_LABELS[q.kind]}] {q.text}", *(f"- {c}" for c in q.choices)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
