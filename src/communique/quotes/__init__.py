"""Quote stage: what was said, by whom (resolved for the date), and what it was about."""
