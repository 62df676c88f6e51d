"""Web stage: the pages served by communique serve (static files, offline)."""
