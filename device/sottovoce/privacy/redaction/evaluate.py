"""Corpus parsing and scoring for the redaction corpus format (see team CORPUS.md).

A line is a transcript with personal items marked `[[KIND|text]]`. An item counts as removed
only if none of its tokens survive in the output; tokens are lower-cased words with punctuation
stripped, aligned between input and output with difflib.SequenceMatcher. Placeholders (<KIND>)
are dropped from the output before aligning, so "name" in "<NAME>" never matches a spoken "name".
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

_ITEM = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]")
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
_PUNCT = re.compile(r"[^\w]", re.UNICODE)

# Issue 16's targets, judged on held-out files only (scripts/eval-redaction), never on training data.
TARGET_RECALL = 0.97
TARGET_NAME_RECALL = 0.97
TARGET_CLEAN = 0.99
TARGET_MS_PER_LINE = 15.0
"""Reported, not enforced by `failures()`: it depends on how busy the machine is (scripts/bench
measures the median and p95 on one pinned core; the issue's budget is 15 ms for redaction and the
topic model together)."""


@dataclass(frozen=True)
class Item:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class CorpusLine:
    number: int
    text: str
    """The transcript as the redactor sees it (markup removed)."""
    items: tuple[Item, ...]


def parse_line(raw: str, number: int = 0) -> CorpusLine:
    parts: list[str] = []
    items: list[Item] = []
    pos = 0
    length = 0
    for m in _ITEM.finditer(raw):
        before = raw[pos:m.start()]
        parts.append(before)
        length += len(before)
        items.append(Item(m.group(1), length, length + len(m.group(2))))
        parts.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    parts.append(raw[pos:])
    return CorpusLine(number, "".join(parts), tuple(items))


def read_corpus(path: str | Path) -> list[CorpusLine]:
    lines = []
    for k, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        lines.append(parse_line(raw.rstrip("\n"), k))
    return lines


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) per whitespace-separated word: lower-cased, punctuation stripped."""
    out = []
    for m in re.finditer(r"\S+", text):
        word = _PUNCT.sub("", m.group()).lower().replace("_", "")
        if word:
            out.append((word, m.start(), m.end()))
    return out


def surviving(line: CorpusLine, output: str) -> tuple[list[tuple[str, int, int]], set[int]]:
    """Input tokens and the indices of those that survive in the output."""
    src = words_with_spans(line.text)
    dst = [w for w, _, _ in words_with_spans(_PLACEHOLDER.sub(" ", output))]
    matcher = difflib.SequenceMatcher(None, [w for w, _, _ in src], dst, autojunk=False)
    kept: set[int] = set()
    for block in matcher.get_matching_blocks():
        kept.update(range(block.a, block.a + block.size))
    return src, kept


@dataclass
class Score:
    found: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    clean_lines: int = 0
    clean_unchanged: int = 0
    command_tokens: int = 0
    command_kept: int = 0
    misses: list[tuple[CorpusLine, str, str]] = field(default_factory=list)
    """(line, kind, output) for items that leaked."""
    changed_clean: list[tuple[CorpusLine, str]] = field(default_factory=list)
    seconds: float = 0.0
    lines: int = 0

    def recall(self, kind: str | None = None) -> float:
        if kind is None:
            total = sum(self.found.values())
            return sum(self.removed.values()) / total if total else 1.0
        return self.removed.get(kind, 0) / self.found[kind] if self.found.get(kind) else 1.0

    @property
    def clean_share(self) -> float:
        return self.clean_unchanged / self.clean_lines if self.clean_lines else 1.0

    @property
    def command_share(self) -> float:
        return self.command_kept / self.command_tokens if self.command_tokens else 1.0

    @property
    def lines_per_second(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0

    def failures(self) -> list[str]:
        out = []
        if self.recall() < TARGET_RECALL:
            out.append(f"overall recall {self.recall():.3f} < {TARGET_RECALL}")
        if self.found.get("NAME") and self.recall("NAME") < TARGET_NAME_RECALL:
            out.append(f"name recall {self.recall('NAME'):.3f} < {TARGET_NAME_RECALL}")
        if self.clean_share < TARGET_CLEAN:
            out.append(f"clean lines unchanged {self.clean_share:.3f} < {TARGET_CLEAN}")
        return out


def score(lines: Iterable[CorpusLine], redact: Callable[[str], str],
          clock: Callable[[], float] = time.perf_counter) -> Score:
    """Run `redact` over every line and score it; `clock` times the redaction calls only."""
    result = Score()
    for line in lines:
        t0 = clock()
        output = redact(line.text)
        result.seconds += clock() - t0
        result.lines += 1
        src, kept = surviving(line, output)
        if not line.items:
            result.clean_lines += 1
            if output == line.text:
                result.clean_unchanged += 1
            else:
                result.changed_clean.append((line, output))
        in_item = set()
        for item in line.items:
            idx = {k for k, (_, s, e) in enumerate(src) if s < item.end and item.start < e}
            in_item |= idx
            result.found[item.kind] = result.found.get(item.kind, 0) + 1
            if idx and not (idx & kept):
                result.removed[item.kind] = result.removed.get(item.kind, 0) + 1
            else:
                result.misses.append((line, item.kind, output))
        for k in range(len(src)):
            if k not in in_item:
                result.command_tokens += 1
                result.command_kept += k in kept
    return result


def report(name: str, s: Score, kinds: Iterable[str]) -> str:
    rows = [f"== {name}: {s.lines} lines, {sum(s.found.values())} items, {s.clean_lines} clean lines"]
    for kind in kinds:
        if s.found.get(kind):
            rows.append(f"  {kind:<12} recall {s.recall(kind):6.3f}  ({s.removed.get(kind, 0)}/{s.found[kind]})")
    rows.append(f"  overall recall            {s.recall():6.3f}")
    rows.append(f"  command words kept        {s.command_share:6.3f}  ({s.command_kept}/{s.command_tokens})")
    rows.append(f"  clean lines unchanged     {s.clean_share:6.3f}  ({s.clean_unchanged}/{s.clean_lines})")
    rows.append(f"  time per line             {1000 / s.lines_per_second if s.lines_per_second else 0:8.2f} ms mean "
                f"(single thread, unpinned; budget {TARGET_MS_PER_LINE:.0f} ms with the topic model)")
    return "\n".join(rows)
