"""The calendar in the forms NumPy and pandas code already takes: a
numpy.busdaycalendar and a pandas CustomBusinessDay (weekmask + holidays).

Neither can hold a makeup working day (调休上班, a Saturday or Sunday the
notice makes a working day), so the export refuses a range that has one unless
asked to drop them: the exported calendar then treats those days as days off,
and answers differ from onetrip's on exactly those days."""
import datetime
from typing import List, Optional, Tuple

from ._onetrip import Calendar


def _parts(calendar: Calendar, first: Optional[datetime.date], last: Optional[datetime.date],
           ignore_makeup_workdays: bool) -> Tuple[str, List[datetime.date]]:
    first = calendar.coverage[0] if first is None else first
    last = calendar.coverage[1] if last is None else last
    makeup = [d.date for d in calendar.special_days_between(first, last) if not d.off]
    if makeup and not ignore_makeup_workdays:
        raise ValueError(
            f"{calendar.name} has {len(makeup)} makeup working days from {first} to {last} (the first "
            f"{makeup[0]}), which a weekmask and holidays cannot express; pass ignore_makeup_workdays=True to "
            f"export without them (those days are then days off), or export a range without any")
    mask = calendar.weekmask
    holidays = [d for d in calendar.holidays(first, last) if mask[d.weekday()] == "1"]
    return mask, holidays


def to_numpy_busdaycalendar(self: Calendar, first: Optional[datetime.date] = None,
                            last: Optional[datetime.date] = None, *, ignore_makeup_workdays: bool = False):
    """This calendar from first to last (default: its coverage) as a numpy.busdaycalendar, for
    numpy.busday_offset / busday_count / is_busday(busdaycal=...). ValueError when the range has
    makeup working days, unless ignore_makeup_workdays=True."""
    import numpy
    mask, holidays = _parts(self, first, last, ignore_makeup_workdays)
    return numpy.busdaycalendar(weekmask=mask, holidays=numpy.array(holidays, dtype="datetime64[D]"))


def to_custom_business_day(self: Calendar, first: Optional[datetime.date] = None,
                           last: Optional[datetime.date] = None, *, ignore_makeup_workdays: bool = False):
    """This calendar from first to last (default: its coverage) as a pandas CustomBusinessDay
    offset (weekmask + holidays), for date arithmetic and pandas.bdate_range(freq=...). ValueError
    when the range has makeup working days, unless ignore_makeup_workdays=True."""
    import pandas
    mask, holidays = _parts(self, first, last, ignore_makeup_workdays)
    return pandas.offsets.CustomBusinessDay(weekmask=mask, holidays=holidays)


Calendar.to_numpy_busdaycalendar = to_numpy_busdaycalendar
Calendar.to_custom_business_day = to_custom_business_day
