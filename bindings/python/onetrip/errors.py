"""The errors onetrip raises: one class per status code, all under onetrip.Error."""
from typing import Iterable, NamedTuple


class Problem(NamedTuple):
    """One problem of an input: where (a JSON path such as "$.matters[3].promise_day") and what."""

    path: str
    message: str


class Error(Exception):
    """Every error onetrip raises. `code` is the status name (as in the C ABI)."""

    code = "UNKNOWN"


class InvalidArgumentError(Error, ValueError):
    """Bad input: a date that doesn't exist, malformed JSON, invalid rules."""

    code = "INVALID_ARGUMENT"


class ProblemsError(InvalidArgumentError):
    """An input with problems: `problems` lists every one with where it is."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


class CatalogError(ProblemsError):
    """A catalogue that does not load: `problems` lists every problem with its JSON path."""


class ScenarioError(ProblemsError):
    """A scenario that does not load or apply: each problem with its path ("$.reforms[2].department")."""


class CaseRecordsError(ProblemsError):
    """Case records refused in strict mode: each bad row with its line."""


class VolumesError(ProblemsError):
    """A volumes CSV with bad lines: each problem with its line ("line 12")."""


class OutOfRangeError(Error, ValueError):
    """A date outside a calendar's coverage, or a result that would be."""

    code = "OUT_OF_RANGE"


class NotFoundError(Error, LookupError):
    """A file, matter or other named thing that isn't there."""

    code = "NOT_FOUND"


class FailedPreconditionError(Error):
    code = "FAILED_PRECONDITION"


class ResourceExhaustedError(Error):
    code = "RESOURCE_EXHAUSTED"


class InternalError(Error):
    code = "INTERNAL"


_BY_CODE = {
    3: InvalidArgumentError,
    5: NotFoundError,
    8: ResourceExhaustedError,
    9: FailedPreconditionError,
    11: OutOfRangeError,
    13: InternalError,
}


def error_for_code(code: int) -> type:
    """The class raised for an absl/onetrip status code."""
    return _BY_CODE.get(code, Error)


__all__ = [
    "Problem",
    "Error",
    "ProblemsError",
    "CatalogError",
    "ScenarioError",
    "VolumesError",
    "CaseRecordsError",
    "InvalidArgumentError",
    "OutOfRangeError",
    "NotFoundError",
    "FailedPreconditionError",
    "ResourceExhaustedError",
    "InternalError",
]
