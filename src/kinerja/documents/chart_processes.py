"""Drawing charts in a second process, so that it overlaps other work.

Drawing is CPU-bound Python, which threads cannot run side by side, and importing matplotlib
costs more than half a second. Where the platform can fork:

- `ChartWorker` is forked when a command starts; it imports matplotlib while the command reads
  and measures the data, then draws whatever charts it is sent. The command itself never
  imports matplotlib.
- Without a worker, `draw_charts` draws in-process: forking a process that already holds
  matplotlib and Typst costs more than the half of the drawing it would take over.

Without fork (or if the child fails) everything is drawn in-process: same bytes, only slower.
Charts travel as plain data (`Chart` pickles without its renderings).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
from collections.abc import Sequence

from kinerja.documents.charts import Chart

_LENGTH = struct.Struct("!Q")


def _send(fd: int, payload: object) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> object:
    def exactly(count: int) -> bytes:
        chunks = []
        while count:
            chunk = os.read(fd, min(count, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)

    (length,) = _LENGTH.unpack(exactly(_LENGTH.size))
    return pickle.loads(exactly(length))


def _render(charts: Sequence[Chart], png: bool) -> list[tuple[bytes, bytes | None]]:
    return [(c.svg(), c.png() if png else None) for c in charts]


def _keep(charts: Sequence[Chart], renderings: list[tuple[bytes, bytes | None]]) -> None:
    for chart, (svg, png) in zip(charts, renderings, strict=True):
        chart._svg = svg
        if png is not None:
            chart._png = png


class ChartWorker:
    """A forked process with matplotlib imported, drawing the charts it is sent."""

    def __init__(self) -> None:
        self.pid: int | None = None
        requests, self._request_fd = os.pipe()
        self._reply_fd, replies = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(self._request_fd)
            os.close(self._reply_fd)
            code = 0
            try:
                from kinerja.documents import chart_drawing

                chart_drawing.setup_fonts()
                request: tuple[list[Chart], bool] = _receive(requests)  # type: ignore[assignment]
                charts, png = request
                _send(replies, _render(charts, png))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(requests)
        os.close(replies)
        self.pid = pid

    def draw(self, charts: Sequence[Chart], png: bool = False) -> bool:
        """Have the worker draw `charts` (and rasterise them when `png`); False if it failed."""
        if self.pid is None:
            return False
        try:
            _send(self._request_fd, (list(charts), png))
            _keep(charts, _receive(self._reply_fd))  # type: ignore[arg-type]
            return True
        except (OSError, EOFError, pickle.UnpicklingError):
            return False
        finally:
            self.close()

    def close(self) -> None:
        if self.pid is None:
            return
        for fd in (self._request_fd, self._reply_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        os.waitpid(self.pid, 0)
        self.pid = None


def start_worker() -> ChartWorker | None:
    """A chart worker, or None where the platform cannot fork."""
    if not hasattr(os, "fork"):
        return None
    try:
        return ChartWorker()
    except OSError:
        return None


def draw_charts(
    charts: Sequence[Chart], *, png: bool = False, worker: ChartWorker | None = None
) -> None:
    """Render every chart's SVG (and PNG when `png`), using a worker or a fork when possible."""
    pending = [c for c in charts if c._svg is None or (png and c._png is None)]
    if not pending:
        return
    if worker is not None and worker.draw(pending, png):
        return
    _render(pending, png)
