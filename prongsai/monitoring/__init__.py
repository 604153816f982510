"""The website monitor: checks every unit's real website against the checklist (measure clause 6.3.1)."""
