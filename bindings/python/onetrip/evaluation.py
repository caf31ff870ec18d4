"""Kept for code written against onetrip 0.1: the evaluators are methods of
onetrip.Catalog (catalog.py) and onetrip.Evaluation; nothing is installed."""
import warnings

from .catalog import Finding


def install() -> None:
    """Does nothing: the methods are part of the classes now."""
    warnings.warn("onetrip.evaluation.install() is no longer needed: the methods belong to the classes",
                  DeprecationWarning, stacklevel=2)


__all__ = ["Finding", "install"]
