"""What the reporting rounds announce to the apps above them (the notifications).

The services send these inside their transaction; a receiver that e-mails or posts a notice
defers its work with transaction.on_commit, so a rolled-back step tells nobody.
"""

from django.dispatch import Signal

# A reporter sent a unit report version to the unit head for approval.
# Keyword arguments: version (UnitReportVersion, with report, round and organization loaded), now.
unit_report_awaiting_approval = Signal()

# The unit head sent a version back to the reporter, or approved it, which submits it to the ICT Center.
# Keyword arguments: version, now; `submitted` is True for an approval, False for a sending back.
unit_report_signed = Signal()

# The ICT Center accepted or returned a submitted version (version.state says which; version.decision_comment why).
# Keyword arguments: version, now.
unit_report_decided = Signal()

# A round was opened, had its deadline changed, or was closed. Keyword arguments: round, now.
round_changed = Signal()

# The overall report was sent to the supervisor, sent back, or approved (report.state says which).
# Keyword arguments: report (OverallReport), now.
overall_report_changed = Signal()
