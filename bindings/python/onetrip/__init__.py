"""onetrip: trips, working-day deadlines and reforms of government approval services.

    >>> import datetime, onetrip
    >>> china = onetrip.Calendar.china()
    >>> china.add_workdays(datetime.date(2017, 9, 29), 20)
    datetime.date(2017, 11, 2)

The compiled module onetrip._onetrip is a private layer (described by
_onetrip.pyi); the public names are these. Each class is defined in one place:
Catalog, Finding and generate in catalog.py; CaseClock and clocks in clock.py;
Comparison, ComparisonTotals, Volumes and compare in compare.py; NeedKind and
Reason (str enums) and the notebook forms in results.py; Reform and
Scenario in reforms.py; the errors in errors.py; the views and results
(Calendar, Matter, Trips, Due, Schedule, Indicators, ClockState, …) are
compiled classes with typed read-only attributes, a repr and to_dict().
"""
from ._onetrip import (
    Bundle,
    Calendar,
    ClockState,
    DayInfo,
    Department,
    Due,
    Evaluation,
    Hall,
    Indicators,
    Material,
    MaterialUse,
    Matter,
    MemberSchedule,
    Need,
    PreparedMaterial,
    PreparedMaterials,
    Schedule,
    SpecialDay,
    SpecialPeriod,
    Trip,
    Trips,
    __version__,
)
from .errors import (
    CaseRecordsError,
    CatalogError,
    Error,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    MissingFileError,
    NotFoundError,
    OutOfRangeError,
    Problem,
    ProblemsError,
    ResourceExhaustedError,
    ScenarioError,
    VolumesError,
)
from . import calendars  # noqa: F401  (Calendar.to_numpy_busdaycalendar / to_custom_business_day)
from .catalog import Catalog, Finding, generate
from .clock import CaseClock, clocks
from .compare import Comparison, ComparisonTotals, SituationVolume, Volumes, compare
from . import evaluation  # noqa: F401  (kept for onetrip.evaluation.Finding; deprecated)
from . import reforms
from .reforms import Reform, Scenario
from .cases import Report, ReportTable
from .roadmap import FieldChange, Roadmap, as_of, diff, roadmap
from . import listing  # noqa: F401  (onetrip.listing: the national implementation-list tables)
from .notice import Notice  # the one-time notice (一次性告知): Catalog.notice

# Result conventions (pandas/NumPy users): reason codes as str enums.
from .results import NeedKind, Reason

__all__ = [
    "Bundle",
    "Calendar",
    "CaseClock",
    "CaseRecordsError",
    "Catalog",
    "CatalogError",
    "ClockState",
    "Comparison",
    "ComparisonTotals",
    "DayInfo",
    "Department",
    "Due",
    "Error",
    "Evaluation",
    "FieldChange",
    "FailedPreconditionError",
    "Finding",
    "Hall",
    "Indicators",
    "InternalError",
    "InvalidArgumentError",
    "Material",
    "MaterialUse",
    "Matter",
    "MemberSchedule",
    "MissingFileError",
    "NeedKind",
    "Need",
    "NotFoundError",
    "Notice",
    "OutOfRangeError",
    "PreparedMaterial",
    "PreparedMaterials",
    "Problem",
    "ProblemsError",
    "Reason",
    "Reform",
    "Report",
    "ReportTable",
    "ResourceExhaustedError",
    "Roadmap",
    "Scenario",
    "ScenarioError",
    "Schedule",
    "SituationVolume",
    "SpecialDay",
    "SpecialPeriod",
    "Trip",
    "Trips",
    "Volumes",
    "VolumesError",
    "__version__",
    "as_of",
    "clocks",
    "compare",
    "diff",
    "generate",
    "reforms",
    "roadmap",
]
