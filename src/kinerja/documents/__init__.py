"""Documents: the LKj and the Perjanjian Kinerja (and other reports) as DOCX and PDF.

A builder (`lkj.py`, `pk.py`) turns a read-only `context.ReportContext` into a document tree
(`tree.py`); two writers that know nothing of SAKIP turn the tree into a file: `docx_writer.py`
(python-docx) and `typst_writer.py` (Typst, one fixed template fed with JSON data). Charts
(`charts.py`) are drawn once with matplotlib and shared by both. `render.py` runs the whole path.
Nothing here imports Django; heavy libraries are imported where they are used.
"""
