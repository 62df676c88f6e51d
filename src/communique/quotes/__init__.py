"""quotes stage (see the open issues)."""
