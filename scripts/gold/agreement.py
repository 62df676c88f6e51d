"""Agreement between the two independent annotations of the doubly annotated test
articles (data/gold/annotations vs data/gold/agreement).

Mentions: F1 of the two annotators' mentions, a pair agreeing when the spans overlap and
the codes are the same. Quote speakers: over the quotes both found (same start), the
share with the same speaker code.

    python scripts/gold/agreement.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from communique import goldset  # noqa: E402


def main() -> None:
    folder = Path(__file__).resolve().parents[2] / "data" / "gold"
    first = {g.id: g for g in goldset.load(folder)}
    second = goldset.load(folder, annotations="agreement")
    both = agree = only_a = only_b = 0
    q_both = q_same = 0
    for b in second:
        a = first[b.id]
        used: set[int] = set()
        for m in a.mentions:
            hit = next(
                (k for k, n in enumerate(b.mentions) if k not in used and n.where == m.where
                 and n.start < m.end and m.start < n.end), None,
            )
            if hit is None:
                only_a += 1
                continue
            used.add(hit)
            both += 1
            agree += b.mentions[hit].codes == m.codes
        only_b += len(b.mentions) - len(used)
        starts = {q.start: q for q in b.quotes}
        for q in a.quotes:
            other = starts.get(q.start)
            if other is not None:
                q_both += 1
                q_same += other.speaker_code == q.speaker_code
    p = agree / (agree + (both - agree) + only_b) if both else 0.0
    r = agree / (agree + (both - agree) + only_a) if both else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    sys.stdout.write(
        f"articles {len(second)}; mentions: {both} aligned, {agree} same code, {only_a} only in "
        f"the first pass, {only_b} only in the second; agreement F1 {f1:.3f}; code agreement "
        f"on aligned mentions {agree / both:.3f}\n"
        f"quotes found by both {q_both}; same speaker code {q_same} ({q_same / q_both:.3f})\n"
    )


if __name__ == "__main__":
    main()
