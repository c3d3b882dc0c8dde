"""Two targets at once: a percentage target and an activity target (`dual_achievement`)."""

from __future__ import annotations

from decimal import Decimal

from kinerja.core.achievement import Status, dual_achievement
from kinerja.core.settings import AchievementSettings, DualTargetReading, Polarity
from kinerja.core.values import parse_value

ACTIVITY = AchievementSettings()
SHARE = AchievementSettings(dual_target=DualTargetReading.SHARE)


def test_reference_row_under_activity_reading() -> None:
    result = dual_achievement(parse_value("90%"), parse_value("3 orang"), parse_value("5 orang"))
    assert result.value == Decimal(500) / Decimal(3)
    assert str(result.value).startswith("166.6666")
    assert result.notes == ("dibaca terhadap target kegiatan",)


def test_reference_row_under_share_reading() -> None:
    result = dual_achievement(
        parse_value("90%"), parse_value("3 orang"), parse_value("5 orang"), settings=SHARE
    )
    assert result.value is not None
    assert str(result.value).startswith("185.185185")
    assert abs(result.value - Decimal(50000) / Decimal(270)) < Decimal("1E-24")
    assert any(note.startswith("dibaca sebagai persentase") for note in result.notes)


def test_share_reading_when_everything_is_reached() -> None:
    result = dual_achievement(
        parse_value("100%"), parse_value("3 orang"), parse_value("3 orang"), settings=SHARE
    )
    assert result.value == 100


def test_share_falls_back_to_activity_without_a_valid_percentage() -> None:
    for percentage in (None, parse_value("0%"), parse_value("3 orang"), parse_value("B")):
        result = dual_achievement(
            percentage, parse_value("3 orang"), parse_value("6 orang"), settings=SHARE
        )
        assert result.value == 200
        assert any(note.endswith("dibaca terhadap target kegiatan") for note in result.notes)
        assert any("bukan persentase di atas 0" in note for note in result.notes)


def test_without_activity_target_the_percentage_target_is_used() -> None:
    for settings in (ACTIVITY, SHARE):
        result = dual_achievement(parse_value("90%"), None, parse_value("45%"), settings=settings)
        assert result.value == 50
        assert result.notes == ("tanpa target kegiatan: dibaca terhadap target persentase",)


def test_missing_realisation_stays_unmeasured() -> None:
    for settings in (ACTIVITY, SHARE):
        result = dual_achievement(
            parse_value("90%"), parse_value("3 orang"), None, settings=settings
        )
        assert result.status is Status.UNMEASURED
        assert result.value is None


def test_share_with_not_computable_activity_stays_not_computable() -> None:
    result = dual_achievement(
        parse_value("90%"), parse_value("3 orang"), parse_value("95%"), settings=SHARE
    )
    assert result.status is Status.NOT_COMPUTABLE


def test_polarity_applies_to_the_activity_comparison() -> None:
    result = dual_achievement(
        parse_value("90%"),
        parse_value("4 aduan"),
        parse_value("2 aduan"),
        polarity=Polarity.LOWER_IS_BETTER,
    )
    assert result.value == 150
