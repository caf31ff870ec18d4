"""The errors onetrip raises: one class per status code, all under onetrip.Error."""
import errno
import os
import warnings
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


class MissingFileError(FileNotFoundError, NotFoundError):
    """A file that is not there, from every call that takes a path (Catalog.load,
    Calendar.load, compare(volumes=…), Report.add_csv, apply(…), roadmap(monthly=…),
    listing.read, bpmn.read …): the built-in FileNotFoundError (errno ENOENT,
    `filename`), so `except FileNotFoundError` catches it as it catches open()'s,
    and an onetrip.NotFoundError."""

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


def existing_file(path, what: str) -> str:
    """The path as a str; MissingFileError naming `what` and the path if no file is there."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if not os.path.exists(text):
        raise MissingFileError(errno.ENOENT, f"{what}: no such file", text)
    return text


def read_file(path, what: str, binary: bool = False):
    """The file's text (UTF-8) or bytes; MissingFileError naming `what` if it is not there."""
    text = existing_file(path, what)
    with open(text, "rb" if binary else "r", **({} if binary else {"encoding": "utf-8"})) as f:
        return f.read()


def warn_deprecated(obj, old: str, new: str) -> None:
    """DeprecationWarning: obj's method `old` is now `new` (pointing at the caller's line)."""
    warnings.warn(f"{type(obj).__name__}.{old}() is deprecated: use .{new}", DeprecationWarning, stacklevel=3)


def deprecated_alias(old: str, new: str):
    """A method `old` that warns DeprecationWarning and calls `new` (one naming
    scheme: to_pandas() everywhere; the old names keep working for a while)."""

    def alias(self, *args, **kwargs):
        warn_deprecated(self, old, new + "()")
        return getattr(self, new)(*args, **kwargs)

    alias.__name__ = old
    alias.__doc__ = f"Deprecated: use {new}()."
    alias.__deprecated__ = new
    return alias


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
    "MissingFileError",
    "FailedPreconditionError",
    "ResourceExhaustedError",
    "InternalError",
]
