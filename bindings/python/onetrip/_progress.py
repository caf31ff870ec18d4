"""Progress of the long calls (`progress=` of Catalog.load/loads, Catalog.evaluate,
Catalog.apply, onetrip.reforms.apply, onetrip.compare, onetrip.generate, Report.add_csv and
Report.add_frame).

``progress`` is None or False (nothing), True (a bar on stderr: tqdm's when tqdm is
installed — Debian's python3-tqdm — else a plain text bar), or a callable
``progress(done, total, phase)``. The library calls it on the calling thread with
`done` of `total` units of each phase ("read" bytes, "check", "matters", "bundles",
"rows", "reforms", "compare", "before matters" …): once at 0 when a phase starts,
about every 1/256 of it, and at total when it ends. An exception it raises cancels
the call, which changes nothing (a Report stays exactly as it was), and is raised
to the caller; Ctrl-C does the same with KeyboardInterrupt.
"""
import sys
from typing import Callable, Optional, TextIO, Union

ProgressLike = Union[None, bool, Callable[[int, int, str], object]]


class TextBar:
    """A bar per phase on a text stream: ``matters  [#######.......]  45% 4500/10000``,
    redrawn in place, one line a phase."""

    def __init__(self, stream: Optional[TextIO] = None, width: int = 30):
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self._phase: Optional[str] = None
        self._open = False

    def __call__(self, done: int, total: int, phase: str) -> None:
        if phase != self._phase:
            self._end_line()
            self._phase = phase
        share = done / total if total > 0 else 1.0
        filled = int(share * self.width)
        unit = _bytes(done, total) if phase == "read" else f"{done}/{total}"
        self.stream.write(f"\r{phase:<16} [{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%} {unit}")
        self._open = True
        if done >= total:
            self._end_line()
        self.stream.flush()

    def _end_line(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False


class TqdmBars:
    """One tqdm bar per phase, closed when the phase ends."""

    def __init__(self, tqdm):
        self._tqdm = tqdm
        self._bar = None
        self._phase: Optional[str] = None

    def __call__(self, done: int, total: int, phase: str) -> None:
        if phase != self._phase or self._bar is None:
            self.close()
            self._phase = phase
            in_bytes = phase == "read"
            self._bar = self._tqdm(total=total, desc=phase, unit="B" if in_bytes else " items",
                                   unit_scale=in_bytes, leave=True)
        self._bar.update(done - self._bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _bytes(done: int, total: int) -> str:
    return f"{done / 1e6:.1f}/{total / 1e6:.1f} MB"


def bar(stream: Optional[TextIO] = None) -> Callable[[int, int, str], None]:
    """What progress=True draws: tqdm's bars when tqdm can be imported, else a TextBar."""
    if stream is None:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            pass
        else:
            return TqdmBars(tqdm)
    return TextBar(stream)


def callback(progress: ProgressLike) -> Optional[Callable[[int, int, str], object]]:
    """The callable the compiled layer is given for a `progress=` argument."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return bar()
    if callable(progress):
        return progress
    raise TypeError(f"progress: expected None, True, False or a callable (done, total, phase), "
                    f"got {type(progress).__name__}")
