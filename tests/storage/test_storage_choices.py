"""The kinds stored in the database are exactly the kinds the calculation core knows."""

from __future__ import annotations

from enum import Enum

import pytest
from django.db import models

from kinerja.agencies.choices import Level
from kinerja.core import settings as core
from kinerja.dataset import schema
from kinerja.plans import choices


@pytest.mark.parametrize(
    ("stored", "known"),
    [
        (choices.Polarity, core.Polarity),
        (choices.Combine, core.Combine),
        (choices.LowerIsBetterFormula, core.LowerIsBetterFormula),
        (choices.GradeMethod, core.GradeMethod),
        (choices.DualTargetReading, core.DualTargetReading),
    ],
)
def test_plan_choices_match_the_core_settings(
    stored: type[models.TextChoices], known: type[Enum]
) -> None:
    assert stored.values == [member.value for member in known]


def test_levels_match_the_dataset_format() -> None:
    assert tuple(Level.values) == schema.Level.__args__
