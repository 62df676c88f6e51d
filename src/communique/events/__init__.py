"""events stage (see the open issues)."""
