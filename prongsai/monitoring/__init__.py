"""The website monitor: verify every unit's real website against the checklist (measure clause 6.3.1).

``prongsai.monitoring.engine`` is the pure asyncio core (no Django); ``outcome`` and ``scoring`` are
pure too. The Django side (models, services, selectors, workspace pages, and later tasks) builds on them.
"""
