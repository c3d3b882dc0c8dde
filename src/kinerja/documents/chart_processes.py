"""Drawing charts in a second process, so that importing matplotlib overlaps other work.

Drawing the charts takes a few hundredths of a second, but importing matplotlib takes about half
a second, as long as the rest of the `kinerja report` command's start-up. Where the platform can
fork:

- `ChartWorker` is forked as the command starts (`start_early`, called by the `kinerja` entry
  point before it imports anything else); it imports matplotlib while the command imports its
  own modules, reads and measures the data, then draws whatever charts it is sent. The command
  itself never imports matplotlib.
- Without a worker, `draw_charts` draws in-process (the web app, the tests, the benchmark's
  in-process path), where matplotlib is usually imported already.

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


# This process's ends of the pipes to the workers alive: a worker forked later closes them, so
# that each worker sees the end of its requests when its own parent closes them.
_parent_ends: set[int] = set()


class ChartWorker:
    """A forked process with matplotlib imported, drawing the charts it is sent."""

    def __init__(self) -> None:
        self.pid: int | None = None
        requests, self._request_fd = os.pipe()
        self._reply_fd, replies = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            for fd in (self._request_fd, self._reply_fd, *_parent_ends):
                with contextlib.suppress(OSError):
                    os.close(fd)
            code = 0
            try:
                from kinerja.documents import chart_drawing

                chart_drawing.warm_up()
                request: tuple[list[Chart], bool] = _receive(requests)  # type: ignore[assignment]
                charts, png = request
                _send(replies, _render(charts, png))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(requests)
        os.close(replies)
        _parent_ends.update((self._request_fd, self._reply_fd))
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
            _parent_ends.discard(fd)
            with contextlib.suppress(OSError):
                os.close(fd)
        os.waitpid(self.pid, 0)
        self.pid = None


_early: ChartWorker | None = None


def start_early() -> None:
    """Fork the worker now, before the command imports its modules; `start_worker` hands it
    over."""
    global _early
    _early = _early or start_worker()


def start_worker() -> ChartWorker | None:
    """A chart worker (the one started early, if any), or None where the platform cannot
    fork."""
    global _early
    if _early is not None:
        worker, _early = _early, None
        return worker
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
