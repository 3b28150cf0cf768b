"""Batch analysis for exports: `python -m analysis [FILE]`.

Reads JSON Lines (`{"id": ..., "text": ...}` per line) or CSV (`id,text`, header optional)
from FILE or standard input, telling the two apart by the first non-blank line, and writes
one JSON line per answer to standard output: `{"id", "pledges", "sentiment", "themes",
"safeguarding": {"flag", "tier", "category", "score"}, "language", "redacted"}`.

It streams: one answer in memory at a time, whatever the size of the input. A malformed line is
reported on standard error with its line number and skipped; the rest is still analysed, and
the exit code is then 1. A progress line is drawn on standard error when it is a terminal (or
with --progress).
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Final

from .pipeline import analyse

__all__ = ["Malformed", "Stats", "main", "process", "read_records"]

_PROGRESS_EVERY: Final = 0.25  # seconds between redraws
_PROGRESS_AFTER: Final = 0.5  # small inputs finish before any bar is drawn
_HEADER: Final = ("id", "text")
# One encoder for every line: json.dumps builds a new one per call when given options.
_ENCODE: Final = json.JSONEncoder(ensure_ascii=False).encode


class Malformed(ValueError):
    """A record that cannot be read, with the line it starts on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(slots=True)
class Stats:
    analysed: int = 0
    malformed: int = 0


Record = tuple[int, Any, str]  # (line number, id, text)


def _valid_id(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _jsonl_records(lines: Iterable[str]) -> Iterator[Record | Malformed]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Malformed(number, f"not valid JSON ({error.msg}, column {error.colno})")
            continue
        if not isinstance(record, dict) or "id" not in record or "text" not in record:
            yield Malformed(number, 'expected a JSON object with "id" and "text"')
            continue
        if not _valid_id(record["id"]):
            yield Malformed(number, '"id" must be a string or an integer')
            continue
        text = record["text"]
        if text is None:
            text = ""
        if not isinstance(text, str):
            yield Malformed(number, '"text" must be a string')
            continue
        yield number, record["id"], text


def _csv_records(lines: Iterable[str]) -> Iterator[Record | Malformed]:
    reader = csv.reader(lines)
    previous_end = 0
    first = True
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            previous_end = reader.line_num
            yield Malformed(start, f"not valid CSV ({error})")
            continue
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if first:
            first = False
            if tuple(cell.strip().lower() for cell in row) == _HEADER:
                continue
        if len(row) < 2:
            yield Malformed(start, "expected two columns, id,text")
            continue
        if not row[0].strip():
            yield Malformed(start, "the id is empty")
            continue
        # An unquoted comma in the answer splits it: put the pieces back together.
        yield start, row[0].strip(), ",".join(row[1:])


def read_records(lines: Iterable[str], fmt: str = "auto") -> Iterator[Record | Malformed]:
    """Records, or `Malformed` errors, from the lines of a JSON Lines or CSV input."""
    iterator = iter(lines)
    if fmt == "auto":
        head: list[str] = []
        for line in iterator:
            head.append(line)
            if line.strip():
                break
        fmt = "jsonl" if head and head[-1].lstrip().startswith(("{", "[")) else "csv"
        iterator = itertools.chain(head, iterator)
    if fmt == "jsonl":
        return _jsonl_records(iterator)
    if fmt == "csv":
        return _csv_records(iterator)
    raise ValueError(f"unknown format {fmt!r}")


class _Progress:
    """A one-line progress report on standard error."""

    def __init__(self, stream: IO[str], total_bytes: int | None, position: Callable[[], int]):
        self.stream = stream
        self.total = total_bytes
        self.position = position
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, done: int, force: bool = False) -> None:
        now = time.monotonic()
        too_soon = now - self.started < _PROGRESS_AFTER or now - self.last < _PROGRESS_EVERY
        if too_soon and not force:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        line = f"analysed {done:,} answers ({rate:,.0f}/s)"
        if self.total:
            share = min(1.0, self.position() / self.total)
            filled = int(share * 30)
            line = f"[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}  " + line
        self.stream.write("\r\033[K" + line)
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")

    def finish(self, done: int) -> None:
        if self.drawn:
            self.update(done, force=True)
            self.stream.write("\n")
            self.stream.flush()


def process(
    lines: Iterable[str],
    out: IO[str],
    *,
    fmt: str = "auto",
    errors: IO[str] | None = None,
    progress: _Progress | None = None,
) -> Stats:
    """Analyse every record in `lines`, writing one JSON line each to `out`."""
    stats = Stats()
    for record in read_records(lines, fmt):
        if isinstance(record, Malformed):
            stats.malformed += 1
            if errors is not None:
                if progress:
                    progress.clear()
                errors.write(f"analysis: {record}\n")
                errors.flush()
            continue
        _line, identifier, text = record
        out.write(_ENCODE({"id": identifier, **analyse(text)}) + "\n")
        stats.analysed += 1
        if progress:
            progress.update(stats.analysed)
    if progress:
        progress.finish(stats.analysed)
    return stats


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Analyse free-text answers: pledges, sentiment, themes, safeguarding and "
        "a redacted copy, one JSON line per answer.",
    )
    parser.add_argument("file", nargs="?", default="-", help="JSON Lines or CSV; - for stdin")
    parser.add_argument("--format", choices=("auto", "jsonl", "csv"), default="auto")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", help="always show progress")
    shown.add_argument("--no-progress", action="store_true", help="never show progress")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    total: int | None = None
    if args.file == "-":
        # Our own UTF-8 reader over stdin's bytes; detached, not closed, when done.
        source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
    else:
        try:
            source = open(args.file, encoding="utf-8-sig", newline="")  # noqa: SIM115
        except OSError as error:
            print(f"analysis: cannot read {args.file}: {error.strerror}", file=sys.stderr)
            return 2
        total = os.path.getsize(args.file)
    show = args.progress or (not args.no_progress and sys.stderr.isatty())
    progress = _Progress(sys.stderr, total, source.buffer.tell) if show else None
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    try:
        stats = process(source, out, fmt=args.format, errors=sys.stderr, progress=progress)
        out.flush()
    except BrokenPipeError:  # "python -m analysis big.jsonl | head" is fine
        sys.stderr.close()
        return 0
    except UnicodeDecodeError as error:
        print(f"analysis: the input is not UTF-8 text ({error.reason})", file=sys.stderr)
        return 2
    finally:
        out.detach()  # leave sys.stdout usable
        if args.file == "-":
            source.detach()
        else:
            source.close()
    if stats.malformed:
        print(
            f"analysis: {stats.malformed} malformed line(s) skipped; "
            f"{stats.analysed} answer(s) analysed",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
