"""web stage (see the open issues)."""
