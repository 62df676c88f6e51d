"""Event stage: who did what to whom, CAMEO and PLOVER coded, traceable to its sentence."""
