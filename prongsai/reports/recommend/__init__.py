"""Development recommendations drawn by rules from the overall report's facts (measure 6.3.1). Pure: no Django.

The rules live in `rules`; which run, in what order and with what options is a settings list
(PRONGSAI_RECOMMENDATION_RULES) that the services hand to `build_rules`.
"""

from .base import Rule, RuleConfigurationError, Suggestion, build_rules, recommend

__all__ = ["Rule", "RuleConfigurationError", "Suggestion", "build_rules", "recommend"]
