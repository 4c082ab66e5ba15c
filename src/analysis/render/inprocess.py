"""A papermill engine that runs a notebook's cells in this process, as a kernel would.

`analysis run` executes each chapter in a child forked from a process that has already
imported the heavy libraries (`analysis.core.workers`): the imports are paid once per
run, not once per notebook, and every chapter still starts from a clean namespace and a
clean module state (the fork). Papermill prepares the notebook (parameters, metadata) exactly
as for a Jupyter kernel; this engine only replaces the kernel: an IPython shell whose display
machinery records outputs as nbclient records a kernel's messages (`execute_result`,
`display_data`, `stream`, `error`), with the inline matplotlib backend of ipykernel.
`tests/test_warm.py` checks that the PDF, HTML and tables equal those of one fresh Jupyter
kernel per notebook.
"""

from __future__ import annotations

import io
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from papermill.engines import Engine, papermill_engines
from traitlets.config import Config

from analysis.core.workers import MPL_BACKEND

ENGINE_NAME = "analysis-inprocess"
SKIP_TAG = "skip-execution"  # as nbclient's default `skip_cells_with_tag`
# What ipykernel reports as the kernel's language (nbclient copies it into the notebook).
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": sys.version.split()[0],
}


class _Outputs:
    """The outputs of the cell being executed, as nbformat output nodes."""

    def __init__(self) -> None:
        self.items: list[nbformat.NotebookNode] = []
        self.count = 0  # the execution count of the cell being executed

    def add(self, output_type: str, **fields: Any) -> None:
        self.items.append(nbformat.v4.new_output(output_type, **fields))

    def stream(self, name: str, text: str) -> None:
        """Text written to stdout or stderr, in order with the other outputs; consecutive
        writes to one stream make one output (as ipykernel sends them between displays)."""
        if not text:
            return
        last = self.items[-1] if self.items else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            self.add("stream", name=name, text=text)


class _Stream(io.TextIOBase):
    """sys.stdout / sys.stderr of a cell: every write becomes (part of) a stream output."""

    def __init__(self, outputs: _Outputs, name: str) -> None:
        self._outputs, self._name = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._outputs.stream(self._name, text)
        return len(text)


class _Publisher(DisplayPublisher):
    """`display(...)` calls become display_data outputs (ipykernel's ZMQDisplayPublisher)."""

    outputs: _Outputs | None = None

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False,
                **kwargs):  # fmt: skip
        self.outputs.add("display_data", data=data, metadata=metadata or {})

    def clear_output(self, wait: bool = False) -> None:
        self.outputs.items.clear()


class _Hook(DisplayHook):
    """A cell's last expression becomes its execute_result (ipykernel's ZMQShellDisplayHook)."""

    outputs: _Outputs | None = None

    def start_displayhook(self) -> None:
        self._data: dict[str, Any] = {}
        self._metadata: dict[str, Any] = {}

    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:
        self._data, self._metadata = format_dict, md_dict or {}

    def finish_displayhook(self) -> None:
        if self._data:
            self.outputs.add(
                "execute_result",
                data=self._data,
                metadata=self._metadata,
                execution_count=self.outputs.count,
            )


def _shell() -> tuple[InteractiveShell, _Outputs]:
    """A fresh IPython shell that records outputs, with ipykernel's inline matplotlib backend."""
    config = Config()
    config.HistoryManager.enabled = False  # no sqlite file, no saving thread
    shell = InteractiveShell.instance(
        config=config, display_pub_class=_Publisher, displayhook_class=_Hook, colors="nocolor"
    )
    outputs = _Outputs()
    shell.display_pub.outputs = outputs
    shell.displayhook.outputs = outputs
    import matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    backend = MPL_BACKEND
    if matplotlib.get_backend() == backend:  # as ipykernel's MPLBACKEND sets it
        from IPython.core.pylabtools import activate_matplotlib

        activate_matplotlib(backend)
        configure_inline_support(shell, backend)
    return shell, outputs


def _run(shell: InteractiveShell, outputs: _Outputs, source: str) -> BaseException | None:
    """Run one cell; its outputs go to `outputs`; return the exception it raised, if any."""
    outputs.items, outputs.count = [], shell.execution_count
    with redirect_stdout(_Stream(outputs, "stdout")), redirect_stderr(_Stream(outputs, "stderr")):
        result = shell.run_cell(source, store_history=True)
    error = result.error_before_exec or result.error_in_exec
    if error is not None:
        outputs.add(
            "error",
            ename=type(error).__name__,
            evalue=str(error),
            traceback=traceback.format_exception(error),
        )
    return error


def warm_up() -> None:
    """Pay once, in the process the notebooks' children are forked from, what every first
    notebook would otherwise pay in its own child: IPython's start, matplotlib's fonts and
    PNG writer, the Dutch number formats. Leaves no shell behind."""
    from analysis.core import display, formatting

    shell, outputs = _shell()
    try:
        _run(shell, outputs, "1")
    finally:
        InteractiveShell.clear_instance()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.set_title("Werkpleinen 73,8 %")
    display.figure(fig, caption="x", alt="x")
    formatting.number(1234.5, 1)


class InProcessEngine(Engine):
    """Papermill engine: the cells run in this process's IPython shell (see the module)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs) -> None:
        shell, outputs = _shell()
        try:
            for index, cell in enumerate(nb_man.nb.cells):
                nb_man.cell_start(cell, index)
                failed = False
                if (
                    cell.cell_type == "code"
                    and cell.source.strip()
                    and SKIP_TAG not in cell.metadata.get("tags", [])
                ):
                    error = _run(shell, outputs, cell.source)
                    cell.execution_count = outputs.count
                    cell.outputs = outputs.items
                    if error is not None:
                        nb_man.cell_exception(cell, cell_index=index, exception=error)
                        failed = True
                nb_man.cell_complete(cell, cell_index=index)
                if failed:
                    break
            nb_man.nb.metadata["language_info"] = dict(LANGUAGE_INFO)
        finally:
            InteractiveShell.clear_instance()


papermill_engines.register(ENGINE_NAME, InProcessEngine)
