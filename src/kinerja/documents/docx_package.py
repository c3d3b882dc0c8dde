"""python-docx helpers for the parts of a DOCX outside the body: styles, settings, sections,
headers and footers. Elements are inserted in schema order (`insert_ordered`), because Word
refuses a file whose elements are out of order.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import OxmlElement, parse_xml
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


_VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
_WORDART_FORMULAS = (
    "sum #0 0 10800",
    "prod #0 2 1",
    "sum 21600 0 @1",
    "sum 0 0 @2",
    "sum 21600 0 @3",
    "if @0 @3 0",
    "if @0 21600 @1",
    "if @0 0 @2",
    "if @0 @4 21600",
    "mid @5 @6",
    "mid @8 @5",
    "mid @7 @8",
    "mid @6 @7",
    "sum @6 0 @5",
)


def watermark(paragraph: WordParagraph, text: str, number: int) -> None:
    """Word's own kind of watermark: a grey, diagonal WordArt shape (VML text path) in the
    header's paragraph, which Word and LibreOffice print behind the text of every page the
    header belongs to. `number` keeps the shape's id unique in the document."""
    formulas = "".join(f'<v:f eqn="{f}"/>' for f in _WORDART_FORMULAS)
    run = parse_xml(
        f'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f"{_VML}><w:rPr><w:noProof/></w:rPr><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e">'
        f"<v:formulas>{formulas}</v:formulas>"
        '<v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        f'<v:shape id="Watermark{number}" o:spid="_x0000_s{2049 + number}" '
        'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;'
        "width:440pt;height:140pt;rotation:315;z-index:-251657216;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        'o:allowincell="f" fillcolor="silver" stroked="f">'
        '<v:fill opacity=".5"/>'
        '<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold" '
        f"string={quoteattr(text)}/></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(run)
