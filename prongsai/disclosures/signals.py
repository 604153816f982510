"""What the register announces to the apps built on top of it.

The register sits below the publication app and the notifications, so it must not call them: a
service sends one of these signals inside its transaction, and the app that cares connects a
receiver in its AppConfig.ready() that calls its own service or task.
"""

from django.dispatch import Signal

# Sent inside the approval's transaction once a version is the entry's published version.
# Keyword arguments: actor, version, entry (with its organization and item loaded) and now.
version_published = Signal()

# Sent inside the transaction of a submission whose reviewers should be told (not for loaded history).
# Keyword arguments: version.
review_requested = Signal()

# Sent inside the transaction of an approval or a return whose editors should be told.
# Keyword arguments: version.
review_decided = Signal()
