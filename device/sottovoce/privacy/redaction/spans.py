"""Character spans found by the detectors, and how overlapping ones are resolved."""

from __future__ import annotations

from dataclasses import dataclass, replace as _with


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    priority: int = 1
    """Higher wins when two spans overlap and cover the same length."""
    source: str = ""
    """Which recogniser or model decided ("email", "name tagger", "rule: after 'my name is'" ...)."""
    score: float = 1.0
    """How sure it was, 0 to 1 (1.0 for a rule or a validated pattern)."""
    why: str = ""
    """Why it fired, in words: the cue, the shape, the validator that passed ("10 digits after the cue
    'call'; libphonenumber: a possible number")."""


def resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, preferring the widest (then the highest priority), in text order.

    Overlaps are merged into the winner's extent so nothing a losing detector flagged survives.
    """
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), -s.priority, s.start)):
        merged = False
        for k, c in enumerate(chosen):
            if span.start < c.end and c.start < span.end:
                chosen[k] = _with(c, start=min(c.start, span.start), end=max(c.end, span.end))
                merged = True
                break
        if not merged:
            chosen.append(span)
    chosen.sort(key=lambda s: s.start)
    # A widened span may now overlap a neighbour: fold those together too.
    out: list[Span] = []
    for span in chosen:
        if out and span.start < out[-1].end:
            last = out[-1]
            out[-1] = _with(last, end=max(last.end, span.end))
        else:
            out.append(span)
    return out


def replace(text: str, spans: list[Span] | tuple[Span, ...]) -> str:
    """`text` with each of `spans` (non-overlapping, in text order) replaced by its <KIND>."""
    out: list[str] = []
    pos = 0
    for span in spans:
        out.append(text[pos:span.start])
        out.append(f"<{span.kind}>")
        pos = span.end
    out.append(text[pos:])
    return "".join(out)
