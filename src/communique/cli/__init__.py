"""CLI: the ``communique`` command."""
