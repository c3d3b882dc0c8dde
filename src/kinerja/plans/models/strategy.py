"""The Renstra: vision, missions, goals, objectives with their indicators, programs, activities.

Target maps (`{year: value}`) are stored as JSON lists of `[key, value]` pairs, so that the order
the dataset lists them in survives; a value is the printed text or `{"printed", "value"}`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel, code_field, optional_text, position_field
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.plans.choices import CapScope, Combine, Polarity


def weight_field() -> models.FloatField:
    """A weight for weighted roll-ups; the dataset's float, stored as a double (exact)."""
    return models.FloatField(_("bobot"), null=True, blank=True)


def weight_not_negative(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(weight__isnull=True) | Q(weight__gte=0),
        name=name,
        violation_error_message=_("Bobot tidak boleh negatif."),
    )


def in_period(year: int, plan: str = "objective__plan__") -> dict[str, int]:
    """The filter of the rows whose Renstra (reached through `plan`) covers `year`, e.g.
    `Indicator.objects.filter(objective__plan__agency=a, **in_period(2025))`."""
    return {f"{plan}start__lte": year, f"{plan}end__gte": year}


class StrategicPlanQuerySet(models.QuerySet["StrategicPlan"]):
    def covering(self, agency: Agency | int, year: int) -> StrategicPlan | None:
        """The office's Renstra whose period covers `year`, if any (periods never overlap)."""
        return self.filter(agency=agency, start__lte=year, end__gte=year).first()

    def overlapping(self, agency: Agency | int, start: int, end: int) -> models.QuerySet[Any]:
        """The office's Renstra periods that share a year with `start`..`end`."""
        return self.filter(agency=agency, start__lte=end, end__gte=start)

    def latest_of(self, agency: Agency | int) -> StrategicPlan | None:
        """The office's Renstra of the latest period."""
        return self.filter(agency=agency).order_by("-start").first()


class StrategicPlan(TimestampedModel):
    """The Renstra of a five-year period of an office; an office holds one per period, and the
    periods never overlap (checked where a plan is written: `plans.periods`, the dataset)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="strategic_plans",
    )
    start = models.IntegerField(_("tahun mulai"))
    end = models.IntegerField(_("tahun selesai"))
    title = optional_text(_("judul"))
    decree = optional_text(_("surat keputusan"))
    established_on = models.DateField(_("ditetapkan pada"), null=True, blank=True)
    vision = models.TextField(_("visi"))

    objects = StrategicPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana strategis")
        verbose_name_plural = _("rencana strategis")
        ordering = ("agency_id", "start")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "start"],
                name="strategic_plan_start_unique_per_agency",
                violation_error_message=_("Instansi ini sudah punya Renstra yang mulai tahun itu."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="strategic_plan_period_in_order",
                violation_error_message=_("Tahun selesai Renstra tidak boleh sebelum tahun mulai."),
            ),
        )

    def __str__(self) -> str:
        return f"Renstra {self.start}-{self.end}"

    @property
    def period(self) -> str:
        return f"{self.start}-{self.end}"

    def covers(self, year: int) -> bool:
        return self.start <= year <= self.end


class Mission(TimestampedModel):
    """A mission (misi) of the Renstra."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("Renstra"), on_delete=models.CASCADE, related_name="missions"
    )
    position = position_field()
    code = code_field()
    text = models.TextField(_("teks"))

    class Meta:
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class Goal(TimestampedModel):
    """A goal (tujuan) of the Renstra."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("Renstra"), on_delete=models.CASCADE, related_name="goals"
    )
    position = position_field()
    code = code_field()
    text = models.TextField(_("teks"))

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="goal_code_unique_per_plan",
                violation_error_message=_("Kode tujuan sudah dipakai di Renstra ini."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class GoalIndicator(TimestampedModel):
    """An indicator the Renstra names under a goal (indikator kinerja tujuan)."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("tujuan"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))
    targets = models.JSONField(_("target per tahun"), default=list, blank=True)

    class Meta:
        verbose_name = _("indikator tujuan")
        verbose_name_plural = _("indikator tujuan")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class Objective(TimestampedModel):
    """A strategic objective (sasaran strategis), measured by its indicators."""

    plan = models.ForeignKey(
        StrategicPlan,
        verbose_name=_("Renstra"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("tujuan"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="objectives",
    )
    weight = weight_field()

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="objective_code_unique_per_plan",
                violation_error_message=_("Kode sasaran sudah dipakai di Renstra ini."),
            ),
            weight_not_negative("objective_weight_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class Indicator(TimestampedModel):
    """A performance indicator (indikator kinerja) of an objective, with how it is measured.

    `grade_scale` names a built-in scale (`sakip`, `bpk_opinion`, `lke`) or one of the agency's
    settings; `renstra_targets` holds the Renstra's target per year; `retired_from` is the first
    year it is no longer agreed or measured.
    """

    objective = models.ForeignKey(
        Objective,
        verbose_name=_("sasaran strategis"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))
    work_unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    is_key = models.BooleanField(_("indikator kinerja utama (IKU)"), default=False)
    polarity = models.CharField(
        _("polaritas"), max_length=16, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    combine = models.CharField(
        _("penggabungan triwulan"), max_length=16, choices=Combine.choices, default=Combine.LAST
    )
    grade_scale = models.CharField(_("skala predikat"), max_length=64, null=True, blank=True)
    can_exceed_100 = models.BooleanField(_("boleh melebihi 100%"), default=False)
    weight = weight_field()
    renstra_targets = models.JSONField(_("target Renstra per tahun"), default=list, blank=True)
    unit = models.CharField(_("satuan"), max_length=64, null=True, blank=True)
    cap_applies = models.CharField(
        _("batas capaian berlaku pada"),
        max_length=16,
        choices=CapScope.choices,
        null=True,
        blank=True,
    )
    reference_targets = models.JSONField(
        _("target rujukan (nasional, SPM)"), default=list, blank=True
    )
    # The pohon kinerja: the code of the parent office's indicator this one serves.
    serves = models.CharField(_("melayani indikator induk"), max_length=64, null=True, blank=True)
    # An indicator with realisations is never deleted: it is retired from a year on.
    retired_from = models.IntegerField(_("tidak dipakai lagi mulai tahun"), null=True, blank=True)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["objective", "code"],
                name="indicator_code_unique_per_objective",
                violation_error_message=_("Kode indikator sudah dipakai di sasaran ini."),
            ),
            models.CheckConstraint(
                condition=Q(polarity__in=Polarity.values),
                name="indicator_polarity_known",
                violation_error_message=_("Polaritas indikator tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(combine__in=Combine.values),
                name="indicator_combine_known",
                violation_error_message=_("Cara penggabungan triwulan tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(cap_applies__isnull=True) | Q(cap_applies__in=CapScope.values),
                name="indicator_cap_applies_known",
                violation_error_message=_("Tempat berlakunya batas capaian tidak dikenal."),
            ),
            weight_not_negative("indicator_weight_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def active_in(self, year: int) -> bool:
        """False from the year the indicator is retired on."""
        return self.retired_from is None or year < self.retired_from


class Program(TimestampedModel):
    """A program of the Renstra that carries budget."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("Renstra"), on_delete=models.CASCADE, related_name="programs"
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="program_code_unique_per_plan",
                violation_error_message=_("Kode program sudah dipakai di Renstra ini."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class Activity(TimestampedModel):
    """An activity (kegiatan) of a program."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="activities"
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["program", "code"],
                name="activity_code_unique_per_program",
                violation_error_message=_("Kode kegiatan sudah dipakai di program ini."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class BudgetObjective(TimestampedModel):
    """An objective the budget of a program or an activity serves, with its share in percent.

    Exactly one of `program` and `activity` is set. `share` is empty when the line serves this
    objective alone; the dataset schema checks that the shares of one line add up to 100.
    """

    objective = models.ForeignKey(
        Objective,
        verbose_name=_("sasaran"),
        on_delete=models.CASCADE,
        related_name="budget_shares",
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objective_shares",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("kegiatan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objective_shares",
    )
    position = position_field()
    share = models.DecimalField(
        _("porsi (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("sasaran yang didukung anggaran")
        verbose_name_plural = _("sasaran yang didukung anggaran")
        ordering = ("position", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(program__isnull=True, activity__isnull=False)
                | Q(program__isnull=False, activity__isnull=True),
                name="budget_objective_program_xor_activity",
                violation_error_message=_("Isi tepat satu dari program atau kegiatan."),
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gt=0) & Q(share__lte=100)),
                name="budget_objective_share_range",
                violation_error_message=_("Porsi harus lebih dari 0 dan paling banyak 100."),
            ),
            models.UniqueConstraint(
                fields=["program", "objective"],
                name="budget_objective_unique_per_program",
                violation_error_message=_("Sasaran ini sudah disebut untuk program tersebut."),
            ),
            models.UniqueConstraint(
                fields=["activity", "objective"],
                name="budget_objective_unique_per_activity",
                violation_error_message=_("Sasaran ini sudah disebut untuk kegiatan tersebut."),
            ),
        )

    def __str__(self) -> str:
        share = "" if self.share is None else f" ({self.share}%)"
        return f"{self.objective_id}{share}"
