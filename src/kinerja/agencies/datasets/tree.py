"""Finding offices and placing an imported office in the tree of offices.

Rule: a code names one office in the whole deployment. The parents a dataset names fill gaps in
the tree (a missing office, a missing parent link, the name of a bare office) but never
contradict it: a different level or a different parent is refused. An office that has its own
dataset keeps the name that dataset gives it.
"""

from __future__ import annotations

from kinerja.agencies.datasets.errors import AgencyNotFound, AgencyTreeConflict
from kinerja.agencies.models import Agency
from kinerja.dataset import schema as ds

# Parents of an office in KPU's tree: KPU RI > province > regency/city.
_DEPTH = "parent__parent__parent"


def find_agency(code: str) -> Agency:
    """The office with this code, its parents fetched along; `AgencyNotFound` if none."""
    try:
        return Agency.objects.select_related(_DEPTH).get(code=code)
    except Agency.DoesNotExist:
        raise AgencyNotFound(code) from None


def attach_parents(office: ds.Agency) -> Agency | None:
    """Create or complete the chain of parents a dataset names; return the direct parent.

    The chain is listed from the top down. Offices missing from the tree are created bare.
    """
    codes = [ref.code for ref in office.parents]
    if office.code in codes:
        raise AgencyTreeConflict(
            f"instansi '{office.code}' tidak boleh menjadi induk dirinya sendiri"
        )
    if len(set(codes)) != len(codes):
        raise AgencyTreeConflict(f"daftar induk instansi '{office.code}' memuat kode ganda")
    stored = {a.code: a for a in Agency.objects.select_for_update().filter(code__in=codes)}
    above: Agency | None = None
    for ref in office.parents:
        node = stored.get(ref.code)
        if node is None:
            node = Agency.objects.create(
                code=ref.code, name=ref.name, level=ref.level, parent=above
            )
        else:
            _complete(node, ref, above)
        above = node
    return above


def _complete(node: Agency, ref: ds.OfficeRef, above: Agency | None) -> None:
    if node.level != ref.level:
        raise AgencyTreeConflict(
            f"instansi induk '{ref.code}' tercatat bertingkat '{node.level}', "
            f"tetapi dataset menyebut '{ref.level}'"
        )
    changed: list[str] = []
    if above is not None:
        if node.parent_id is None:
            if node.pk in {a.pk for a in [above, *above.ancestors()]}:
                raise AgencyTreeConflict(f"induk instansi '{ref.code}' membentuk lingkaran")
            node.parent = above
            changed.append("parent")
        elif node.parent_id != above.pk:
            raise AgencyTreeConflict(
                f"instansi induk '{ref.code}' sudah berada di bawah instansi lain, "
                f"bukan di bawah '{above.code}'"
            )
    if not node.has_dataset and node.name != ref.name:
        node.name = ref.name
        changed.append("name")
    if changed:
        node.save(update_fields=[*changed, "updated_at"])


def place_under(agency: Agency, parent: Agency | None) -> None:
    """Set the imported office's own parent; refuse a link that would close a loop."""
    if parent is None:
        return
    if agency.pk is not None and agency.pk in {a.pk for a in [parent, *parent.ancestors()]}:
        raise AgencyTreeConflict(f"induk instansi '{agency.code}' membentuk lingkaran")
    agency.parent = parent
