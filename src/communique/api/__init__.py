"""api stage (see the open issues)."""
