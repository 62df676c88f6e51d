"""analysis stage (see the open issues)."""

from communique.analysis.alignment import AlignmentPoint, alignment
from communique.analysis.shifts import ChangePoint, ShiftFlag, change_point, scan_shifts

__all__ = [
    "AlignmentPoint",
    "ChangePoint",
    "ShiftFlag",
    "alignment",
    "change_point",
    "scan_shifts",
]
