"""onetrip: trips, working-day deadlines and reforms of government approval services.

    >>> import datetime, onetrip
    >>> china = onetrip.Calendar.china()
    >>> china.add_workdays(datetime.date(2017, 9, 29), 20)
    datetime.date(2017, 11, 2)
"""
from ._onetrip import (
    Bundle,
    Calendar,
    Catalog,
    DayInfo,
    Department,
    Evaluation,
    Hall,
    Material,
    MaterialUse,
    Matter,
    SpecialDay,
    Trips,
    __version__,
    generate,
)
from .errors import (
    CaseRecordsError,
    CatalogError,
    ProblemsError,
    ScenarioError,
    VolumesError,
    Error,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    OutOfRangeError,
    Problem,
    ResourceExhaustedError,
)


def _matters_frame(self):
    """The matters as a pandas DataFrame, one row per matter, indexed by code.

    Limits in working days (-1 where a matter has none), fees in fen,
    declared trips -1 where the source declares none."""
    import pandas as pd

    return pd.DataFrame(self._matter_columns()).set_index("code")


Catalog.matters_frame = _matters_frame

from . import evaluation as _evaluation  # noqa: E402  (needs the classes above)
from .evaluation import Finding  # noqa: E402

_evaluation.install()

from . import reforms  # noqa: E402
from .compare import Comparison, Volumes, compare  # noqa: E402
from .reforms import Reform, Scenario  # noqa: E402

Catalog.apply = reforms.apply

from .cases import CaseClock, Report, ReportTable, clocks  # noqa: E402
from . import listing  # noqa: E402  (onetrip.listing: the national implementation-list tables)

__all__ = [
    "Bundle",
    "Calendar",
    "Catalog",
    "CaseClock",
    "CaseRecordsError",
    "CatalogError",
    "Report",
    "ReportTable",
    "clocks",
    "Comparison",
    "ProblemsError",
    "Reform",
    "Scenario",
    "ScenarioError",
    "Volumes",
    "VolumesError",
    "compare",
    "generate",
    "reforms",
    "Department",
    "Evaluation",
    "Finding",
    "Hall",
    "Material",
    "MaterialUse",
    "Matter",
    "Problem",
    "DayInfo",
    "SpecialDay",
    "Trips",
    "Error",
    "FailedPreconditionError",
    "InternalError",
    "InvalidArgumentError",
    "NotFoundError",
    "OutOfRangeError",
    "ResourceExhaustedError",
    "__version__",
]
