"""Kept for code written against onetrip 0.1: the evaluators are methods of
onetrip.Catalog (catalog.py) and onetrip.Evaluation; nothing is installed."""
import warnings

from .catalog import Catalog, Finding

# The functions this module used to install, under their old names.
evaluate = Catalog.evaluate
trips = Catalog.trips
audit = Catalog.audit
indicators = Catalog.indicators
due = Catalog.due
schedule = Catalog.schedule
prepared_materials = Catalog.prepared_materials


def install() -> None:
    """Does nothing: the methods are part of the classes now."""
    warnings.warn("onetrip.evaluation.install() is no longer needed: the methods belong to the classes",
                  DeprecationWarning, stacklevel=2)


__all__ = ["Finding", "install", "evaluate", "trips", "audit", "indicators", "due", "schedule",
           "prepared_materials"]
