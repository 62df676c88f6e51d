"""analysis stage (see the open issues)."""
