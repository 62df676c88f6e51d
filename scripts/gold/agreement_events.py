"""Agreement between the two independent event annotations of the doubly annotated test
articles (data/gold/events vs data/gold/events_agreement).

F1 between the two annotators' unique (source code, target code, CAMEO root) tuples of
the events the scorer counts (asserted, and planned acts as intents), then the same with
the date (one date a prefix of the other, or either missing), then the share of the
pairs both annotators coded with the same root.

    python scripts/gold/agreement_events.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from communique.eventgold import load_events  # noqa: E402
from communique.evaluate_events import _dates_agree, gold_keys  # noqa: E402
from communique.events.lexicon import Lexicon  # noqa: E402


def _f1(a: int, b: int, both: int) -> float:
    return 2 * both / (a + b) if a + b else 1.0


def main() -> None:
    folder = Path(__file__).resolve().parents[2] / "data" / "gold"
    lex = Lexicon.load()
    first = {g.id: g for g in load_events(folder)}
    n_a = n_b = both = dated_both = n_dated = pairs = same_root = 0
    for second in load_events(folder, annotations="events_agreement"):
        a, _ = gold_keys(first[second.id].events, lex)
        b, _ = gold_keys(second.events, lex)
        plain_a, plain_b = {k[:3] for k in a}, {k[:3] for k in b}
        n_a, n_b = n_a + len(plain_a), n_b + len(plain_b)
        both += len(plain_a & plain_b)
        n_dated += len(a)
        dated_both += sum(any(k[:3] == j[:3] and _dates_agree(k[3], j[3]) for j in b) for k in a)
        pairs_a, pairs_b = {k[:2] for k in a}, {k[:2] for k in b}
        for pair in pairs_a & pairs_b:
            pairs += 1
            same_root += bool(
                {k[2] for k in plain_a if k[:2] == pair} & {k[2] for k in plain_b if k[:2] == pair}
            )
        print(
            f"{second.id}: first {len(plain_a)}, second {len(plain_b)}, "
            f"both {len(plain_a & plain_b)}"
        )
    print(
        f"(source, target, root) F1 {_f1(n_a, n_b, both):.3f} "
        f"({both} in both, {n_a - both} only first, {n_b - both} only second)"
    )
    print(f"with the date: {dated_both} of the first pass's {n_dated} tuples agree")
    print(f"pairs both coded: {pairs}, same root {same_root} ({same_root / max(pairs, 1):.3f})")


if __name__ == "__main__":
    main()
