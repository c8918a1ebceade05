"""Atomic writes of a binary file and of a folder of files, with the target's permissions kept.

The rules are those of the core's text writer (``include/coproduction/io/file.hpp``,
``write_text_file``), which writes text only; a workbook is binary and a folder of CSV files
is several files, so they are written here by the same rules:

- the new content goes to a new temporary file (or folder) beside the target, created
  exclusively, flushed to disk and then renamed over the target, so a reader sees the old
  content or the new, never half of it;
- an existing file or folder keeps its mode, group and (where the process may set it) owner,
  given to the temporary one before a byte is written, so the data are never readable more
  widely than the target allows; a new one gets the mode a plain ``open`` or ``mkdir`` would
  give (0666 or 0777 less the umask);
- a symbolic link is written through (the file or folder it names is replaced, the link
  stays); a link to nothing, or a target of the wrong kind, is refused with an ``OSError``;
- on any failure, and on Ctrl-C, the temporary file or folder is removed and the target is
  untouched.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import sys
from typing import Dict, FrozenSet, Mapping, Optional

__all__ = ["write_bytes", "write_folder", "FOLDER_LITTER"]

#: Files a desktop leaves in any folder it shows; replacing a folder may drop them.
FOLDER_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def _target(path: str, want_dir: bool) -> str:
    """The path a write replaces: ``path``, or what a symbolic link there names (to the end of
    a chain). Refuses a link to nothing and an existing target of the wrong kind."""
    target = path
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not os.path.lexists(target):
            raise OSError(errno.ENOENT, "a symbolic link to nothing", path)
    if os.path.lexists(target):
        mode = os.stat(target).st_mode
        if want_dir and not stat.S_ISDIR(mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", path)
        if not want_dir and not stat.S_ISREG(mode):
            raise OSError(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL,
                          "not a regular file", path)
    return target


def _temporary_name(target: str) -> str:
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}.tmp-{secrets.token_hex(8)}")


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    """Gives an open file or folder the mode, group and (if allowed) owner of ``old``. Where
    the group cannot be kept its permissions are dropped rather than handed to the process's
    own group, as the core's writer does."""
    mode = stat.S_IMODE(old.st_mode)
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:
            try:
                os.fchown(fd, -1, old.st_gid)
            except OSError:
                mode &= ~stat.S_IRWXG
    os.fchmod(fd, mode)


def _sync_folder(folder: str) -> None:
    """Flushes a folder's entries (a rename reaches the disk with its folder)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_new_file(path: str, data: bytes, old: Optional[os.stat_result]) -> None:
    """Creates ``path`` exclusively, gives it ``old``'s permissions before writing, writes
    ``data`` and flushes it to disk."""
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
             | getattr(os, "O_BINARY", 0))
    fd = os.open(path, flags, 0o666)  # the umask applies, as to any new file
    try:
        if old is not None and hasattr(os, "fchmod"):
            _keep_owner_and_mode(fd, old)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: "os.PathLike[str] | str", data: bytes) -> None:
    """Writes ``data`` to the file ``path`` atomically (see the module's rules)."""
    given = os.fspath(path)
    target = _target(given, want_dir=False)
    old = os.stat(target) if os.path.exists(target) else None
    tmp = _temporary_name(target)
    try:
        _write_new_file(tmp, data, old)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(os.path.dirname(target))


def _exchange(a: str, b: str) -> bool:
    """Swaps two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the
    system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def write_folder(path: "os.PathLike[str] | str", files: Mapping[str, bytes],
                 replaceable: FrozenSet[str] = frozenset()) -> None:
    """Writes a folder holding exactly ``files`` (name to content) atomically.

    A new folder is made beside the target under a temporary name, filled, flushed and
    renamed into place. An existing folder is replaced as a whole: on Linux the two are
    swapped in one step; elsewhere the old folder is renamed aside first, so that for a moment
    there is no folder at the path, but never half of one. An existing folder may hold only
    files named in ``files`` or ``replaceable`` (and desktop litter): anything else in it is
    the user's, and the write is refused rather than deleting it. Each file keeps the
    permissions of the file of that name it replaces.
    """
    given = os.fspath(path)
    if len(given) > 1:
        given = given.rstrip("/" + (os.altsep or "") + os.sep) or given  # "p/" is the folder p
    target = _target(given, want_dir=True)
    old_folder = os.stat(target) if os.path.isdir(target) else None
    old_files: Dict[str, os.stat_result] = {}
    if old_folder is not None:
        allowed = set(files) | set(replaceable) | FOLDER_LITTER
        foreign = []
        with os.scandir(target) as entries:
            for entry in entries:
                if entry.name in allowed and entry.is_file(follow_symlinks=False):
                    old_files[entry.name] = entry.stat(follow_symlinks=False)
                else:
                    foreign.append(entry.name)
        if foreign:
            shown = ", ".join(repr(n) for n in sorted(foreign)[:5])
            more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            raise OSError(errno.ENOTEMPTY,
                          f"the folder holds files this writer did not write ({shown}{more}); "
                          f"it is replaced as a whole, so write to a new or empty folder", given)
    tmp = _temporary_name(target)
    os.mkdir(tmp, 0o700)  # private while it fills; its final mode is set before it is shown
    try:
        for name, data in files.items():
            _write_new_file(os.path.join(tmp, name), data, old_files.get(name))
        fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            if old_folder is not None and hasattr(os, "fchmod"):
                _keep_owner_and_mode(fd, old_folder)
            elif hasattr(os, "fchmod"):
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o777 & ~umask)
            try:
                os.fsync(fd)
            except OSError:
                pass
        finally:
            os.close(fd)
        if old_folder is None:
            os.rename(tmp, target)
        elif _exchange(tmp, target):
            shutil.rmtree(tmp, ignore_errors=True)  # the old folder, now at the temporary name
        else:
            aside = _temporary_name(target)
            os.rename(target, aside)
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(aside, target)
                raise
            shutil.rmtree(aside, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _sync_folder(os.path.dirname(target))
