"""Placeholder: filled in by the issue-13 work on openapi."""
