"""Many ``opening_hours`` values asked about one instant: what :mod:`horaires.columns` asks
of a column of values never seen ("which of these places are open now?").

A value never seen costs a whole schedule when parsed alone. Asked about one instant among
many values, it costs much less: values share their rules' texts (``PH off``, ``Sa
09:00-12:00``), so each text is read, checked and made into internal rules once; a value is
then its texts looked up, the rules that apply on the instant's local date, and that
date's plan, computed once per set of rules that apply (every value whose Wednesday is
``Mo-Fr 09:00-18:00`` shares it) and read at the instant as a schedule's first question
reads it (:func:`horaires._compile.kind_in`). The answers are those of
``parse(value, ...)`` (tests/osm/test_instant.py compares them).

A value with a rule :func:`horaires.osm.parse` refuses (read alone: rules do not depend on
each other), or whose checks fail (``PH`` without a country, sun times without a location),
gives :data:`REFUSED`: the caller parses it only to say what is wrong. A value this path
cannot vouch for gives None, and the caller parses it: an empty value, an empty rule beside
``||``, too many selectors, school holidays.

>>> from datetime import datetime, timezone
>>> at = Instant(datetime(2025, 5, 7, 8, 30, tzinfo=timezone.utc))  # 10:30 in Paris
>>> [at.state(v) for v in ("Mo-Fr 09:00-18:00; PH off", "We off", "Mo-Fr 09:00-12:00 unknown")]
[3, 0, 1]
>>> at.state("Mo-Fr 9-18") == REFUSED
True
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence

from .._compile import ACCEPTING, OPEN, kind_in, resolver
from .._errors import HorairesError
from .._plan import Plan
from .._schedule import seconds
from .._wall import Disambiguate
from . import Mode, _check_needs, _mode, _options, _where
from ._ast import make_value
from ._evaluate import Context, _Internal, applying, internal_parts, matches, plan_of
from ._parser import MAX_SELECTORS, MAX_VALUE, read_alone, rule_texts, selectors

__all__ = ["REFUSED", "Instant"]

REFUSED = -1
"""The state of a value :func:`horaires.osm.parse` refuses."""

TEXTS = 65536
"""Rule texts the instants of a date keep read (emptied when full, with the plans made of
them): a column of OpenStreetMap's shape has fewer distinct rules than values."""

TEXT_CHARS = 1 << 21
"""Characters of rule texts the instants of a date keep read (emptied past them): what
they hold grows with the texts' length (the rules of 2,000,000 characters of dense time
spans hold about 40 MB), whatever a column's values."""

PLANS = 65536
"""Plans the instants of a date keep, one per set of rules that apply (emptied when full):
the 200,000 values of ``benchmarks/scale.py`` have 25,000 sets of rules that apply."""

PLAN_SPANS = 1 << 21
"""Spans of the plans the instants of a date keep (emptied, with the texts, past them): a
plan holds up to 1,440 spans, so what plans hold is bounded by their spans, not their
number."""

VALUES = 262144
"""States an :class:`Instant` keeps per value (emptied when full): a value asked again (in
the next batch of a query) is looked up."""

KEPT_VALUE = 255
"""The longest value whose state is kept (OpenStreetMap's own limit): a longer one is
answered again from its rules, and the states kept stay small whatever a column holds."""

_Entry = tuple[tuple[tuple[_Internal, bool], ...], int]
"""A rule text read: its internal rules, each with whether it matches the instant's date,
and its number of selectors; or :data:`_REFUSED` or :data:`_ASK_PARSE`."""

_REFUSED: _Entry = ((), -1)
"""The entry of a text that refuses its value: it does not read alone, or a check fails."""

_ASK_PARSE: _Entry = ((), -2)
"""The entry of a text only parse can answer for: school holidays, whose match depends on
what the data knows of the date."""


class _Read:
    """What the instants of one date have read: each rule's text (by fallback: after
    ``||`` or not) and the plans made of them, with the characters of the texts kept."""

    __slots__ = ("chars", "kinds", "plans", "spans", "texts")

    def __init__(self) -> None:
        self.texts: tuple[dict[str, _Entry], dict[str, _Entry]] = ({}, {})
        self.plans: dict[tuple[object, ...], Plan] = {}
        self.kinds: dict[tuple[int, int], tuple[Plan, int]] = {}
        """The kind of state of a plan kept at an instant, by the plan's id and the instant."""
        self.chars = self.spans = 0

    def full(self) -> bool:
        """Whether the texts kept reach :data:`TEXTS` or :data:`TEXT_CHARS`, or the plans
        :data:`PLAN_SPANS`."""
        return (
            len(self.texts[0]) + len(self.texts[1]) >= TEXTS
            or self.chars >= TEXT_CHARS
            or self.spans >= PLAN_SPANS
        )

    def plan(self, rules: list[tuple[_Internal, bool]], day: dt.date, ctx: Context) -> Plan:
        """The plan of ``day`` under ``rules`` (with whether each matches it), kept with the
        others, their spans counted."""
        plans = self.plans
        before = len(plans)
        plan = plan_of(applying(rules), day, ctx, plans, PLANS)
        if len(plans) < before:  # the plans were full, and emptied: their kinds go too
            self.kinds.clear()
            self.spans = 0
        if len(plans) != before:  # kept
            self.spans += len(plan.spans)
        return plan

    def forget(self) -> None:
        """Forget the texts read and the plans made of them (keyed by the ids of their
        rules: they go with them)."""
        for table in self.texts:
            table.clear()
        self.plans.clear()
        self.kinds.clear()
        self.chars = self.spans = 0


class Instant:
    """One instant and the options of :func:`horaires.osm.parse` (a sun time needs a
    ``location``, as there; values are read strictly): :meth:`state` gives each value's
    state then."""

    __slots__ = (
        "_read",
        "_states",
        "context",
        "country",
        "day",
        "location",
        "mode",
        "ordinal",
        "resolver",
        "t",
        "zone",
        "zones",
    )

    def __init__(
        self,
        at: dt.datetime,
        *,
        timezone: str = "Europe/Paris",
        country: str | None = "FR",
        subdivision: str | None = None,
        language: str = "fr",
        mode: Mode = "ranges",
        disambiguate: Disambiguate = "compatible",
        location: tuple[float, float] | None = None,
        school_zone: str | Sequence[str] | None = None,
    ) -> None:
        options = _options(
            timezone,
            country,
            subdivision,
            language,
            mode,
            disambiguate,
            False,
            location,
            school_zone,
        )
        _, country, subdivision, language, _, policy, _, place, zones = options
        self.mode = _mode(mode)
        self.zone = _where(timezone, country, subdivision)
        self.resolver = resolver(self.zone, policy)
        self.country, self.location, self.zones = country, place, zones
        self.t = seconds(at)
        self.ordinal = dt.datetime.fromtimestamp(self.t, self.zone).toordinal()
        self.day = dt.date.fromordinal(self.ordinal)
        self.context = Context(country, subdivision, language, place, self.zone, zones)
        self._read = _Read()
        self._states: dict[str, int] = {}

    def state(self, value: str) -> int | None:
        """``CLOSED``, ``UNKNOWN`` or ``ACCEPTING`` (OpenStreetMap's desks admit until
        closing: open is accepting) at the instant; :data:`REFUSED` when
        :func:`horaires.osm.parse` refuses ``value``; None when it alone can say."""
        found = self._states.get(value)
        if found is not None:
            return found
        read = self._read
        if read.full():  # between two values: the rules of a value stay with its plan
            read.forget()
        if len(value) > MAX_VALUE:
            return None
        texts = rule_texts(value)
        if not texts:
            return None
        rules: list[tuple[_Internal, bool]] = []
        count = 0
        tables = read.texts
        for text, _, fallback in texts:
            entry = tables[fallback].get(text) or self._entry(text, fallback)
            if entry is _REFUSED:
                return REFUSED
            if entry is _ASK_PARSE:
                return None
            rules += entry[0]
            count += entry[1]
        if count > MAX_SELECTORS:
            return None
        plan = read.plan(rules, self.day, self.context)
        kinds, key = read.kinds, (id(plan), self.t)
        kind = kinds.get(key)
        if kind is None or kind[0] is not plan:
            kind = (plan, kind_in(plan, self.ordinal, self.t, self.zone, self.resolver))
            if len(kinds) >= PLANS:
                kinds.clear()
            kinds[key] = kind  # the plan held: its id stays its own
        state = ACCEPTING if kind[1] == OPEN else kind[1]
        if len(value) <= KEPT_VALUE:
            if len(self._states) >= VALUES:
                self._states.clear()
            self._states[value] = state
        return state

    def moved(self, at: dt.datetime) -> Instant | None:
        """This instant's options at ``at``, sharing the rules read and the plans made when
        ``at`` falls on the same local date (a query asked again a moment later reads
        nothing again); None on another date. The two share their tables: use them from
        one thread at a time.

        >>> from datetime import datetime, timezone
        >>> ten = Instant(datetime(2025, 5, 7, 8, tzinfo=timezone.utc))
        >>> ten.state("Mo-Fr 09:00-10:30")
        3
        >>> ten.moved(datetime(2025, 5, 7, 9, tzinfo=timezone.utc)).state("Mo-Fr 09:00-10:30")
        0
        >>> ten.moved(datetime(2025, 5, 8, 9, tzinfo=timezone.utc)) is None
        True
        """
        t = seconds(at)
        if dt.datetime.fromtimestamp(t, self.zone).toordinal() != self.ordinal:
            return None
        other = copy.copy(self)  # the same options, date, context and what was read
        other.t, other._states = t, {}
        return other

    def _entry(self, text: str, fallback: bool) -> _Entry:
        """Read one rule's text, check it, and keep it."""
        rules = read_alone(text, self.mode, fallback, 0)
        entry = _REFUSED
        if rules is not None:
            try:
                value = make_value(rules, self.mode, text, ())
                _check_needs(value, self.country, self.zones, self.location)
            except HorairesError:
                pass
            else:
                parts = [part for rule in rules for part in internal_parts(rule)]
                found = [matches(part, self.day, self.context) for part in parts]
                if None in found:
                    entry = _ASK_PARSE
                else:
                    pairs = tuple(
                        (part, bool(match)) for part, match in zip(parts, found, strict=True)
                    )
                    entry = (pairs, sum(map(selectors, rules)))
        self._read.texts[fallback][text] = entry
        self._read.chars += len(text)
        return entry
