"""ZIP archives (and the workbooks made of them) checked without expanding them.

A zip bomb declares far more bytes than it holds: the declared sizes added up, and each
entry's ratio, are bounded. Entries that would land outside the folder they are unpacked
into (an absolute path, `..`) are refused. Archives inside are kept as they are: nothing
here unpacks them.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath, PureWindowsPath
from typing import BinaryIO

from domain.errors import DocumentRefusedError

MAX_ENTRIES = 2000
MAX_RATIO = 100  # uncompressed / compressed, for an entry or the whole archive
MAX_UNCOMPRESSED_FACTOR = 8  # the declared sizes together, times the file's size limit
RATIO_FLOOR = 1024 * 1024  # entries smaller than this may compress as well as they like


def check_archive(stream: BinaryIO, file_limit: int) -> None:
    """Refuse a ZIP that would expand past the bounds or outside its folder."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise DocumentRefusedError("this ZIP archive cannot be read") from None
    finally:
        stream.seek(0)
    if len(entries) > MAX_ENTRIES:
        raise DocumentRefusedError("a ZIP archive may hold at most %(most)s files",
                                   most=MAX_ENTRIES)
    declared = compressed = 0
    for entry in entries:
        _check_name(entry.filename)
        declared += entry.file_size
        compressed += entry.compress_size
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
                entry.compress_size, 1):
            raise DocumentRefusedError("this ZIP archive expands too much (a zip bomb?)")
    if declared > MAX_UNCOMPRESSED_FACTOR * file_limit or (
            declared > RATIO_FLOOR and declared > MAX_RATIO * max(compressed, 1)):
        raise DocumentRefusedError("this ZIP archive expands too much (a zip bomb?)")


def _check_name(name: str) -> None:
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if (posix.is_absolute() or windows.is_absolute() or windows.drive
            or name.startswith(("/", "\\")) or ".." in posix.parts or ".." in windows.parts
            or "\x00" in name):
        raise DocumentRefusedError("a ZIP archive may not hold a file outside its folder "
                                   "(%(name)s)", name=name[:100])
