"""The website monitor: verify every unit's real website against the checklist (measure clause 6.3.1).

``prongsai.monitoring.engine`` is the pure asyncio core (no Django); the
Django side (models, tasks, workspace pages) builds on it.
"""
