"""Plan models: the Renstra, the achievement settings and the Perjanjian Kinerja."""

from kinerja.plans.models.agreements import AgreementRow, BudgetLine, PerformanceAgreement
from kinerja.plans.models.settings import AgencySettings
from kinerja.plans.models.strategy import (
    Activity,
    BudgetObjective,
    Goal,
    GoalIndicator,
    Indicator,
    Mission,
    Objective,
    Program,
    StrategicPlan,
    in_period,
)

__all__ = [
    "Activity",
    "AgencySettings",
    "AgreementRow",
    "BudgetLine",
    "BudgetObjective",
    "Goal",
    "GoalIndicator",
    "Indicator",
    "Mission",
    "Objective",
    "PerformanceAgreement",
    "Program",
    "StrategicPlan",
    "in_period",
]
