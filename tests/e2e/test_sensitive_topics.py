"""Sensitive topics as `sottovoce decide` judges them, which is how `sottovoce run` does: the learned
model on the raw line before redaction, OR the household's own terms. Principle cases, verbatim
from the issue (the lines keyword lists let out, and the ordinary ones they held); corpus figures
with their split come from scripts/eval-topics."""

from __future__ import annotations

import json

from conftest import ROOT, sottovoce

CONFIG = ROOT / "config" / "sottovoce.toml"
SENSITIVE = {
    "remind me to pick up my sertraline": "health",
    "how do i tell my parents i'm not straight": "sexuality",
    "my son was stabbed outside the chip shop last night": "violence_crime",
    "the bailiffs are coming on monday what can they take": "money_trouble",
    "remind me to go to confession on saturday": "religion",
    "text dad that i've joined the conservatives": "politics",
}
TRAPS = ["play every breath you take by the police", "this traffic is murder how long until i get home",
         "play prayer in c", "how do i vote on strictly come dancing"]


def decide(lines: list[str], *sets: str) -> list[dict]:
    args = ["decide", "--config", str(CONFIG), "--set", "consent.text=true"]
    for item in sets:
        args += ["--set", item]
    done = sottovoce(*args, input=("\n".join(lines) + "\n").encode(), timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr.decode(), done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def test_sensitive_lines_are_held_and_traps_are_sent():
    rows = decide([*SENSITIVE, *TRAPS])
    for row, topic in zip(rows, SENSITIVE.values()):
        assert row["decision"] == "held" and f"sensitive topic: {topic}" in row["reason"], row
    for row in rows[len(SENSITIVE):]:
        assert row["decision"] == "sent" and row["kind"] in ("command", "text"), row


def test_a_sensitive_line_with_personal_data_is_held_and_its_record_redacted():
    # judged on the raw line with the phone number masked and the name as said (Policy.topics)
    row, = decide(["tell kemi the bailiffs are coming monday call me on 07700 900123"])
    assert row["text"] == "tell <NAME> the bailiffs are coming monday call me on <PHONE>"
    assert row["decision"] == "held" and "money_trouble" in row["reason"] and row["text_leaves"] is False, row


def test_consent_sensitive_lets_them_out_and_household_terms_add_to_the_model():
    sent = decide(list(SENSITIVE)[:2], "consent.sensitive=true")
    assert [r["decision"] for r in sent] == ["sent", "sent"] and "sensitive topic allowed" in sent[0]["reason"]
    line = "remind me about project bluebird on friday"  # a word that matters to this household only
    assert decide([line])[0]["decision"] == "sent"
    held, = decide([line], 'consent.extra_sensitive_terms=["project bluebird"]')
    assert held["decision"] == "held" and "household" in held["reason"], held
