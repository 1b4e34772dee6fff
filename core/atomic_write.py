"""The one way EconPlan writes a file: whole or not at all, never harming what was there.

The data goes to a hidden temporary file beside the real target, is flushed to
disk, given the target's permissions and renamed over it; the folder is then
flushed so the rename itself survives a power cut. A symlink is followed, so the
file it points to is updated and the link stays a link. On any failure the
temporary file is removed and the error names the user's path, never the
temporary one. Temporary files left behind by a killed process (same name
pattern, older than an hour) are tidied on the next write into that folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

TEMP_SUFFIX = ".econplan-tmp"
STALE_AFTER_SECONDS = 3600.0


def real_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` should replace: symlinks followed, even dangling ones."""
    return Path(os.path.realpath(Path(path).expanduser()))


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _copy_ownership_and_mode(tmp: Path, target: Path) -> None:
    try:
        existing = target.stat()
    except FileNotFoundError:
        os.chmod(tmp, _new_file_mode())
        return
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
        # Only root (or the owner, for the group) may do this; a plain user keeps the file
        # as their own, which is what an editor would do too.
        with suppress(OSError):
            os.chown(tmp, existing.st_uid, existing.st_gid)


def _fsync_path(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:  # some platforms cannot open a folder; the rename is still atomic
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


def tidy_stale_temp_files(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove this writer's temporary files in ``folder`` that a killed process left behind."""
    removed = []
    cutoff = time.time() - older_than
    with suppress(OSError):
        for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
            with suppress(OSError):
                if leftover.is_file() and leftover.lstat().st_mtime < cutoff:
                    leftover.unlink()
                    removed.append(leftover)
    return removed


def _naming_user_path(exc: OSError, user_path: Path) -> OSError:
    """The same kind of error, naming the file the user asked for."""
    reason = exc.strerror or (str(exc.args[0]) if exc.args else type(exc).__name__)
    return type(exc)(exc.errno, reason, str(user_path))


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yields a temporary path for a writer that takes a file name (a workbook, a PDF).

    Whatever the body writes there replaces ``path`` only if the body finishes.
    """
    user_path = Path(path)
    target = real_target(user_path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "this is a folder, not a file", str(user_path))
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"folder does not exist: {target.parent}",
                                str(user_path))
    tidy_stale_temp_files(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                    dir=target.parent)
    except OSError as exc:
        raise _naming_user_path(exc, user_path) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _fsync_path(tmp)
        _copy_ownership_and_mode(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _naming_user_path(exc, user_path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_path(target.parent, directory=True)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
