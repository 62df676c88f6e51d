"""API stage: the REST API over the core object (docs/api.md)."""
