"""What an organization's change announces to the apps built on top of it.

Organizations sit below the register and the public edition, so they must not call them: a service
here sends a signal inside its transaction, and the app that cares connects a receiver in its
AppConfig.ready() that calls its own service (the register creates a new unit's entries, the
publication app refreshes the public pages and search rows). Receivers run in the order their apps
are installed, lower layers first, so the register has the unit's entries before the search rows
are written from them.
"""

from django.dispatch import Signal

# Sent inside the transaction of organization_create, organization_update and organization_websites_set.
# Keyword arguments: actor (the person or None for the system), organization (as saved), action (the
# audit action: "organization.create", "organization.update" or "organization.websites") and changed
# (a frozenset of the field names that changed; empty for a new organization and for its websites).
organization_changed = Signal()
