"""The one home of reading a number people wrote, in the Vietnamese way (1.234,5) or the English way (1,234.5).

- ``readings("10,322")`` -> [10322.0, 10.322]: every value the written number can mean, the most likely
  first (a group of three after a separator reads as thousands). Lenient: the finder indexes every reading,
  a quote states a value when one of its readings is it.
- ``parse("10,322")`` -> None: strict, one value or nothing. It refuses what is ambiguous ("1,234" in a count
  is 1234 or 1.234) and what is not one number; ``parse("94,9")`` is 94.9, ``parse("1.234,5")`` 1234.5.

Where ``parse`` accepts a text, ``readings`` gives that value first (tests/test_numbers.py).
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"-?\d+(?:[.,]\d+)*")


def readings(token: str) -> list[float]:
    """Every value a written number (digits with "." or "," between them, an optional "-") can mean;
    [] when it is not one number ('17.01.2023')."""
    if not _TOKEN.fullmatch(token):
        return []
    sign = -1.0 if token.startswith("-") else 1.0
    body = token.lstrip("-")
    seps = re.findall(r"[.,]", body)
    groups = re.split(r"[.,]", body)
    if not seps:
        return [sign * float(body)]
    out: list[float] = []
    if len(set(seps)) == 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        out.append(float("".join(groups)))  # thousands: 10.322, 1,234,567
    if len(seps) == 1:
        out.append(float(groups[0] + "." + groups[1]))  # a decimal mark: 94,9, 10.322
    elif len(set(seps)) == 2 and seps[-1] != seps[0] and seps.count(seps[-1]) == 1 \
            and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1]):
        out.append(float("".join(groups[:-1]) + "." + groups[-1]))  # 1.234,5 or 1,234.5
    return [sign * v for v in out]


def parse(text: str) -> float | None:
    """The one value a cell states (spaces between digit groups allowed), or None: not a number, or ambiguous."""
    found = readings(re.sub(r"[\s\u00a0]", "", text or ""))
    return found[0] if len(found) == 1 else None
