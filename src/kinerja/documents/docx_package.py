"""python-docx helpers for the parts of a DOCX outside the body: styles, settings, sections,
headers and footers. Elements are inserted in schema order (`insert_ordered`), because Word
refuses a file whose elements are out of order.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as WordParagraph


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def insert_ordered(parent: BaseOxmlElement, element: BaseOxmlElement, successors: str) -> None:
    """Insert `element` before the first child named in `successors` (space-separated `w:`
    names), else at the end: Word refuses a file whose elements are out of schema order."""
    names = {qn(f"w:{name}") for name in successors.split()}
    for child in parent:
        if child.tag in names:
            child.addprevious(element)
            return
    parent.append(element)


def simple_field(paragraph: WordParagraph, code: str, result: str) -> None:
    """A field with its current result, e.g. `PAGE` or `SEQ Tabel \\* ARABIC`."""
    field = _element("w:fldSimple", instr=f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = result
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def page_numbering(section_properties: BaseOxmlElement, fmt: str | None, restart: bool) -> None:
    """`lowerRoman` or `decimal` page numbers; `restart` starts them at 1."""
    for old in section_properties.findall(qn("w:pgNumType")):
        section_properties.remove(old)
    element = _element("w:pgNumType")
    if fmt:
        element.set(qn("w:fmt"), fmt)
    if restart:
        element.set(qn("w:start"), "1")
    insert_ordered(
        section_properties,
        element,
        "cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
        "printerSettings sectPrChange",
    )


def bottom_border(paragraph: WordParagraph, color: str = "9CA3AF") -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="4", space="1", color=color))
    insert_ordered(
        properties,
        borders,
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
        "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
        "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId "
        "cnfStyle rPr sectPr pPrChange",
    )


def update_fields_on_open(settings_element: BaseOxmlElement) -> None:
    """Ask Word to update the fields (tables of contents) when the document is opened."""
    insert_ordered(
        settings_element,
        _element("w:updateFields", val="true"),
        "hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema "
        "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
        "forceUpgrade captions readModeInkLockDown smartTagType shapeDefaults "
        "doNotEmbedSmartTags decimalSymbol listSeparator",
    )
    math = settings_element.find(
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"
    )
    update = settings_element.find(qn("w:updateFields"))
    if (
        math is not None
        and update is not None
        and list(settings_element).index(math) < list(settings_element).index(update)
    ):
        math.addprevious(update)


def language(run_properties: BaseOxmlElement, tag: str) -> None:
    insert_ordered(
        run_properties,
        _element("w:lang", val=tag, eastAsia=tag, bidi=tag),
        "eastAsianLayout specVanish oMath",
    )


def plain_theme_fonts(run_properties: BaseOxmlElement, font: str) -> None:
    """Name one font for every script, dropping theme-font references that override it."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for name in list(fonts.attrib):
        if name.endswith("Theme"):
            del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)
