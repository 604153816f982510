"""The website monitor: checks every unit's real website against the checklist (measure 6.3.1)."""
