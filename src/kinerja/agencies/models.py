"""Offices as a tree (KPU RI, provinces, regencies and cities) with their organisation.

An office is either described by an imported dataset (`has_dataset`) or a bare node of the tree,
created from the parents a dataset names. People (heads, secretaries, signatories) are kept as
JSON in the dataset's `Person` form: they are printed, never queried.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.choices import Level
from kinerja.agencies.fields import TimestampedModel, code_field, optional_text, position_field


class Agency(TimestampedModel):
    """An office (instansi, satuan kerja): one reporting entity with a parent office."""

    code = code_field()
    name = models.TextField(_("nama"))
    full_name = optional_text(_("nama lengkap"))
    level = models.CharField(_("tingkat"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("instansi induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    has_dataset = models.BooleanField(
        _("punya dataset"),
        default=False,
        help_text=_("Salah jika instansi hanya tercatat sebagai induk instansi lain."),
    )
    address = optional_text(_("alamat"))
    city = optional_text(_("kota"))
    signing_place = optional_text(_("tempat penandatanganan"))
    head = models.JSONField(_("pimpinan"), null=True, blank=True)
    secretary = models.JSONField(_("sekretaris"), null=True, blank=True)
    people = models.JSONField(_("pejabat"), default=list, blank=True)
    # The work unit whose operators enter the budget realisation (its code; a work unit is
    # replaced by a dataset import, the office's row is not). Not part of the dataset.
    finance_unit_code = models.CharField(
        _("unit kerja keuangan"), max_length=64, null=True, blank=True
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ("code",)
        constraints = (
            models.UniqueConstraint(
                fields=["code"],
                name="agency_code_unique",
                violation_error_message=_("Kode instansi sudah dipakai."),
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values),
                name="agency_level_known",
                violation_error_message=_("Tingkat instansi tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="agency_not_own_parent",
                violation_error_message=_("Instansi tidak boleh menjadi induk dirinya sendiri."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def ancestors(self) -> list[Agency]:
        """The parent offices from the top of the tree down to the direct parent.

        One query per level unless the caller fetched the parents with `select_related`.
        """
        chain: list[Agency] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        chain.reverse()
        return chain

    def descendants(self) -> models.QuerySet[Agency]:
        """Every office below this one, at any depth: one query per level of the tree."""
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            below = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = below - found - {self.pk}
            found |= frontier
        return Agency.objects.filter(pk__in=found)


class Division(TimestampedModel):
    """A commissioners' portfolio (divisi) of an office."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="divisions"
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))

    class Meta:
        verbose_name = _("divisi")
        verbose_name_plural = _("divisi")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="division_code_unique_per_agency",
                violation_error_message=_("Kode divisi sudah dipakai di instansi ini."),
            ),
        )

    def __str__(self) -> str:
        return self.name


class CommissionerPeriod(TimestampedModel):
    """A term of the commissioners of an office, e.g. 2019-2024."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="commissioner_periods",
    )
    position = position_field()
    start = models.IntegerField(_("tahun mulai"))
    end = models.IntegerField(_("tahun selesai"))
    decree = optional_text(_("surat keputusan"))
    figure = optional_text(_("gambar"))

    class Meta:
        verbose_name = _("periode komisioner")
        verbose_name_plural = _("periode komisioner")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


class CommissionerSeat(TimestampedModel):
    """One commissioner of a period, with the division they lead."""

    period = models.ForeignKey(
        CommissionerPeriod,
        verbose_name=_("periode"),
        on_delete=models.CASCADE,
        related_name="seats",
    )
    position = position_field()
    name = models.TextField(_("nama"))
    title = optional_text(_("jabatan"))
    division = models.ForeignKey(
        Division,
        verbose_name=_("divisi"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="seats",
    )

    class Meta:
        verbose_name = _("komisioner")
        verbose_name_plural = _("komisioner")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.name


class StaffCount(TimestampedModel):
    """A staff count of an office along one dimension (type, education, rank, ...)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="staff_counts"
    )
    position = position_field()
    dimension = models.TextField(_("dimensi"))
    category = models.TextField(_("kategori"))
    count = models.PositiveIntegerField(_("jumlah"))

    class Meta:
        verbose_name = _("jumlah pegawai")
        verbose_name_plural = _("jumlah pegawai")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.dimension}: {self.category} = {self.count}"


class WorkUnit(TimestampedModel):
    """A work unit of the secretariat that owns targets (unit kerja, sub bagian)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="work_units"
    )
    position = position_field()
    code = code_field()
    name = models.TextField(_("nama"))
    short_name = optional_text(_("nama singkat"))
    division = models.ForeignKey(
        Division,
        verbose_name=_("divisi"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="work_units",
    )
    head = models.JSONField(_("kepala"), null=True, blank=True)
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("melapor kepada"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporting_units",
        help_text=_("Unit kerja atasan; kosong: melapor kepada Sekretaris."),
    )

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="work_unit_code_unique_per_agency",
                violation_error_message=_("Kode unit kerja sudah dipakai di instansi ini."),
            ),
        )

    def __str__(self) -> str:
        return self.short_name or self.name
