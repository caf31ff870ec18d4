"""onetrip: trips, working-day deadlines and reforms of government approval services.

    >>> import datetime, onetrip
    >>> china = onetrip.Calendar.china()
    >>> china.add_workdays(datetime.date(2017, 9, 29), 20)
    datetime.date(2017, 11, 2)
"""
from ._onetrip import Calendar, DayInfo, SpecialDay, __version__
from .errors import (
    Error,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    OutOfRangeError,
    ResourceExhaustedError,
)

__all__ = [
    "Calendar",
    "DayInfo",
    "SpecialDay",
    "Error",
    "FailedPreconditionError",
    "InternalError",
    "InvalidArgumentError",
    "NotFoundError",
    "OutOfRangeError",
    "ResourceExhaustedError",
    "__version__",
]
