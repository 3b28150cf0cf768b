"""What a safeguarding rule is: a pattern plus the answers that prove what it is for.

Each rule carries realistic answers it must flag and near misses it must leave alone, so a
reviewer sees what a pattern is meant to catch next to the pattern itself, and
`tests/analysis/test_safeguarding_rule_examples.py` checks every promise on every run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """A regular expression over `safeguarding.normalise` text (see `safeguarding_rules.py`).

    must_flag: answers this rule matches, which `assess` flags with `category`.
    must_pass: near misses this rule does not match (another rule may still flag them).
    """

    category: str
    name: str
    pattern: str
    must_flag: tuple[str, ...]
    must_pass: tuple[str, ...] = ()
    # "urgent", or "today" for a rule that means a person should read it today but not that
    # harm is happening now (an eviction, an empty fridge). Context never lowers below today.
    tier: str = "urgent"

    @property
    def key(self) -> str:
        """ "category.name", as reported in `SafeguardingResult.matches`."""
        return f"{self.category}.{self.name}"


@dataclass(frozen=True, slots=True)
class JoinedUpRule:
    """Plain phrases also looked for with the spaces taken out of each sentence, to catch words
    run together ("iwanttodie", "killmyself") or spaced out ("k i l l  m y s e l f").
    """

    category: str
    name: str
    phrases: tuple[str, ...]
    must_flag: tuple[str, ...]
    must_pass: tuple[str, ...] = ()
    tier: str = "urgent"

    @property
    def key(self) -> str:
        return f"{self.category}.{self.name}"
