"""communique: a sourced, time-aware record of who did what to whom in international news."""

__version__ = "0.1.0"
