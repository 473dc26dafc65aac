"""The ground truth of one fixture report, as structured data.

Every value carries both what the document shows (``written``) and what a
correct tool must output (``value``), so the expected JSON is derived from
here and never from the rendered PDF or from skjema. The form-specific
parts (indicators, budget, activities, …) are kept in the same shape and
written to the expected JSON's lists by ``expected.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass
class Count:
    """A count as written in a table cell and the value FIELD_RULES gives it."""

    written: str
    value: Optional[int]
    issue: Optional[str] = None  # value_uncertain | value_range


@dataclass
class HouseholdRow:
    category: str  # A, B, C, barnefamilier
    title: str  # "A. Antall husstander uten eid eller leid bolig" as printed in the label cell
    label: str  # expected label
    explanation: Optional[str]
    need_start: Count
    need_end: Count
    housed: Count
    comment_lines: List[str]
    comment: Optional[str]  # expected
    header_start: str  # "Status behov pr. 01.01.2012"
    header_end: str
    as_of_start: str
    as_of_end: str


@dataclass
class IssueTruth:
    severity: str
    code: str
    field: Optional[str]
    raw: Optional[str]


@dataclass
class Money:
    written: str
    value: Optional[int]


@dataclass
class IndicatorRow:
    code: str
    label: str
    value: Count
    comment: Optional[str]
    as_of: Optional[str] = None
    group: str = "C.1"


@dataclass
class BudgetLine:
    activity: str
    accounts: Money
    budget: Money
    grant_husbanken: Money
    own_funding: Money
    other_funding: Money
    total: Money
    deviation: Money
    note: Optional[str] = None


@dataclass
class FundingLine:
    year: int
    grant_husbanken: Money
    paid_out: Money
    own_funding: Money
    other_funding: Money
    carried_over: Money
    total: Money
    note: Optional[str] = None


@dataclass
class ActivityLine:
    area: str
    number: str
    activity: str
    plan: str
    result: str
    status_written: str
    status: Optional[str]
    progress_written: str
    progress: Optional[float]
    deviation: str
    reason: str


@dataclass
class GoalLine:
    area: Optional[str]  # the hovedmål heading the table sits under (a caption is no area)
    level: Optional[str]
    label: str
    description: str
    result: str
    due: Optional[str]
    number: Optional[str] = None  # as printed without the level word, qualified by the area's hovedmål number
    caption: Optional[str] = None  # a caption printed above the table instead of an area


@dataclass
class PartnerLine:
    actor: str
    group: str
    participation: Optional[str]
    mark: str = "X"


@dataclass
class SectionText:
    """The municipality's answer under one heading: paragraphs (str) and bullet
    lists (marker, [items]). The form's printed prompt is kept apart."""

    number: Optional[str]
    title: str
    prompt: Optional[str]
    text: List[object]


@dataclass
class Report:
    name: str
    form: str
    producer: str
    font: str
    index: int
    kind: str
    year: int
    half: Optional[int]
    period_from: Optional[str]
    period_to: Optional[str]
    muni_written: str
    muni_ref_date: str
    general: List[tuple]  # (label, written value) in document order
    general_as_table: bool
    programme: Dict[str, Optional[str]]
    reporting: Dict[str, object]
    issues: List[IssueTruth] = field(default_factory=list)
    households: List[HouseholdRow] = field(default_factory=list)
    indicators: List[IndicatorRow] = field(default_factory=list)
    budget: List[BudgetLine] = field(default_factory=list)
    funding: List[FundingLine] = field(default_factory=list)
    activities: List[ActivityLine] = field(default_factory=list)
    goals: List[GoalLine] = field(default_factory=list)
    partners: List[PartnerLine] = field(default_factory=list)
    sections: List[SectionText] = field(default_factory=list)
    cover: Dict[str, object] = field(default_factory=dict)
    traps: List[str] = field(default_factory=list)
    layout: Dict[str, object] = field(default_factory=dict)  # table layout variants (borderless, merged header…)
