"""What a change to the active checklist announces to the apps built on top of it.

Checklists sit below the register and the public edition, so they must not call them: the service
sends a signal inside its transaction, and the register (create the missing entries) and the
publication app (refresh the public pages and rebuild the search table) connect receivers in their
AppConfig.ready(). Receivers run in the order their apps are installed, lower layers first.
"""

from django.dispatch import Signal

# Sent inside the transaction that activates a checklist, or changes the one that is active.
# Keyword arguments: actor, checklist, and action ("checklist.activate" or "checklist.update").
active_checklist_changed = Signal()
