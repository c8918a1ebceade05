"""The secret key of :func:`coproduction.privacy.pseudonymise`, kept out of sight.

A :class:`Key` is made from a file (:meth:`Key.from_file`), an environment variable
(:meth:`Key.from_env`) or a new random file (:meth:`Key.generate`), never from bytes typed
into a notebook, where they would stay in the notebook's cells, its history and every copy of
it. The object shows only a fingerprint: its ``repr``, ``str`` and error messages never hold
the key, and it refuses to be pickled, so it cannot travel into a pickle, a cache or a
multiprocessing queue by accident. What it cannot do is hide the key from Python code that
reads the private attribute on purpose: it protects against accidents, not against the
program that holds it.

docs/data-protection.md gives the reasons for each choice.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from typing import Any, Dict, List, NoReturn, Union

from ._errors import input_error

__all__ = ["Key", "MIN_KEY_BYTES", "MAX_KEY_BYTES"]

#: The shortest key accepted, in bytes (128 bits if the bytes are random).
MIN_KEY_BYTES = 16
#: The longest key file or variable accepted: a longer one is more likely a data file given
#: by mistake than a key.
MAX_KEY_BYTES = 1024

PathLike = Union[str, "os.PathLike[str]"]

# The fixed message whose HMAC under the key is the fingerprint; distinct from every message
# a pseudonym is made from (those hold a NUL byte, this one does not).
_FINGERPRINT_MESSAGE = b"coproduction.privacy.key-fingerprint.v1"


def _trimmed(secret: bytes, where: str, source: str) -> bytes:
    """The key without a trailing line end, checked for length (never shown)."""
    # A line end at the end is almost always an editor's or `echo`'s, and the same key read
    # from a file and from `export KEY="$(cat file)"` must give the same pseudonyms.
    secret = secret.rstrip(b"\r\n")
    if len(secret) < MIN_KEY_BYTES:
        raise input_error(where, f"{source} holds {len(secret)} bytes; a key needs at least "
                                 f"{MIN_KEY_BYTES} random bytes (Key.generate(path) makes one "
                                 f"of 64 hexadecimal characters, 256 bits)")
    if len(secret) > MAX_KEY_BYTES:
        raise input_error(where, f"{source} holds more than {MAX_KEY_BYTES} bytes: a key file "
                                 f"holds a key, not data (was the data file given instead?)")
    return secret


class Key:
    """A secret key for keyed pseudonyms, read from a file or an environment variable.

    Make one with :meth:`from_file`, :meth:`from_env` or :meth:`generate`; the class cannot
    be called directly, and no method takes the key as bytes.

    Attributes
    ----------
    fingerprint : str
        16 hexadecimal characters (64 bits) that name the key without revealing it: the
        first 16 of HMAC-SHA256(key, "coproduction.privacy.key-fingerprint.v1"). Two files
        pseudonymised with the same key record the same fingerprint.
    source : str
        Where the key was read: ``file '<path>'`` or ``environment variable NAME``.

    Notes
    -----
    ``repr`` and ``str`` show the fingerprint and the source only. Pickling raises
    ``TypeError`` (a key must not be written anywhere); ``copy.copy`` and ``copy.deepcopy``
    give the same object, as the key cannot change.

    Examples
    --------
    >>> import os, tempfile
    >>> from coproduction.privacy import Key
    >>> folder = tempfile.mkdtemp()
    >>> key = Key.generate(os.path.join(folder, "project.key"))
    >>> len(key.fingerprint), oct(os.stat(os.path.join(folder, "project.key")).st_mode & 0o777)
    (16, '0o600')
    >>> Key.from_file(os.path.join(folder, "project.key")).fingerprint == key.fingerprint
    True
    """

    __slots__ = ("_secret", "_source", "_fingerprint")
    _secret: bytes
    _source: str
    _fingerprint: str

    def __init__(self) -> None:
        raise TypeError("make a Key with Key.from_file(path), Key.from_env(name) or "
                        "Key.generate(path); a key is never given as bytes in code")

    @classmethod
    def _make(cls, secret: bytes, source: str) -> "Key":
        key = object.__new__(cls)
        object.__setattr__(key, "_secret", bytes(secret))
        object.__setattr__(key, "_source", source)
        object.__setattr__(key, "_fingerprint", hmac.new(
            secret, _FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()[:16])
        return key

    # -- making a key --------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: PathLike) -> "Key":
        """The key held in a file: its bytes, less a trailing line end.

        Parameters
        ----------
        path : str or os.PathLike
            A regular file (or a link to one) of 16 to 1024 bytes that only its owner can
            read or write (mode 0600 or 0400 on POSIX systems; the check is skipped on
            Windows, whose permissions are not mode bits).

        Returns
        -------
        Key

        Raises
        ------
        coproduction.InputError
            ``where == "key_file"``: the file is not a regular file, is readable or writable
            by its group or by others (``chmod 600 <path>`` fixes it), or holds fewer than 16
            or more than 1024 bytes.
        OSError
            The file cannot be opened or read (missing, no permission).
        """
        name = os.fspath(path)
        # O_NONBLOCK: opening a named pipe must not wait for a writer before it is refused.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
            | getattr(os, "O_BINARY", 0)
        fd = os.open(name, flags)
        try:
            info = os.fstat(fd)  # the file opened, not whatever the path names by now
            if not stat.S_ISREG(info.st_mode):
                raise input_error("key_file", f"{name!r} is not a regular file")
            if os.name == "posix" and info.st_mode & 0o077:
                raise input_error("key_file", f"{name!r} can be read or written by others "
                                              f"(mode {stat.S_IMODE(info.st_mode):04o}); a key "
                                              f"file must be its owner's alone: chmod 600 "
                                              f"{name!r}")
            chunks: List[bytes] = []
            size = 0
            while size <= MAX_KEY_BYTES + 2:  # + a line end, which is not part of the key
                chunk = os.read(fd, MAX_KEY_BYTES + 3 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        return cls._make(_trimmed(b"".join(chunks), "key_file", f"{name!r}"), f"file {name!r}")

    @classmethod
    def from_env(cls, name: str) -> "Key":
        """The key held in an environment variable: its bytes, less a trailing line end.

        Parameters
        ----------
        name : str
            The variable's name, e.g. ``"COPRODUCTION_KEY"``, set outside Python (in the
            shell, a secrets manager or the scheduler), never in the notebook.

        Returns
        -------
        Key

        Raises
        ------
        coproduction.InputError
            ``where == "key_env"``: no such variable, a name that is not a non-empty string,
            or a value of fewer than 16 or more than 1024 bytes.
        """
        if not isinstance(name, str) or not name or "=" in name or "\0" in name:
            raise input_error("key_env", f"the name of an environment variable, not {name!r}")
        environb = getattr(os, "environb", None)
        if environb is not None:  # POSIX: the bytes as they are, whatever their encoding
            value = environb.get(os.fsencode(name))
        else:
            text = os.environ.get(name)
            value = None if text is None else text.encode("utf-8")
        if value is None:
            raise input_error("key_env", f"there is no environment variable {name}")
        return cls._make(_trimmed(value, "key_env", f"the environment variable {name}"),
                         f"environment variable {name}")

    @classmethod
    def generate(cls, path: PathLike) -> "Key":
        """Write a new random key to a new file, readable by its owner only, and return it.

        The key is 32 bytes from the operating system's secure random source
        (:func:`secrets.token_hex`), written as 64 lowercase hexadecimal characters with no
        line end, so that the same key can also be given through an environment variable
        (``export COPRODUCTION_KEY="$(cat project.key)"``).

        Parameters
        ----------
        path : str or os.PathLike
            A file that does not exist yet.

        Returns
        -------
        Key

        Raises
        ------
        FileExistsError
            ``path`` exists: a key is never overwritten, as every pseudonym made with it
            would be lost.
        OSError
            The file cannot be written.

        Notes
        -----
        The key is written to a temporary file of mode 0600 in the same folder, flushed to
        disk, then linked to ``path``, which fails if ``path`` has appeared meanwhile: the
        file appears whole or not at all and never replaces another. On a file system
        without hard links the file is created exclusively (``O_EXCL``) with mode 0600 and
        written in place.
        """
        name = os.fspath(path)
        if os.path.lexists(name):
            raise FileExistsError(errno.EEXIST, "a file exists there; Key.generate never "
                                                "overwrites one", name)
        secret = secrets.token_hex(32).encode("ascii")
        folder = os.path.dirname(os.path.abspath(name))
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".coproduction-key-")
        try:
            try:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, 0o600)  # mkstemp's mode already; said again, not assumed
                _write_all(fd, secret)
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(temporary, name)  # atomic, and refuses an existing name
            except FileExistsError:
                raise
            except OSError:  # no hard links here (FAT, some network shares)
                _write_exclusive(name, secret)
        finally:
            os.unlink(temporary)
        if os.name == "posix":  # the new name itself, on disk
            directory = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        return cls._make(secret, f"file {name!r}")

    # -- reading -------------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """16 hex characters naming the key without revealing it (see the class)."""
        return self._fingerprint

    @property
    def source(self) -> str:
        """Where the key was read from."""
        return self._source

    def __repr__(self) -> str:
        return f"<coproduction.privacy.Key fingerprint={self._fingerprint} from {self._source}>"

    __str__ = __repr__

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("a Key cannot be changed")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("a Key cannot be changed")

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("a coproduction.privacy.Key cannot be pickled: a key is never written "
                        "anywhere; read it again with Key.from_file or Key.from_env")

    def __getstate__(self) -> NoReturn:
        raise TypeError("a coproduction.privacy.Key cannot be pickled")

    def __copy__(self) -> "Key":
        return self

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Key":
        return self


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_exclusive(name: str, secret: bytes) -> None:
    """Create ``name`` (refusing an existing one) with mode 0600 and write ``secret``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags, 0o600)
    try:
        _write_all(fd, secret)
        os.fsync(fd)
    finally:
        os.close(fd)


def pseudonym_hmac(key: Key) -> "hmac.HMAC":
    """An HMAC-SHA256 under the key, with nothing fed yet (copied once per pseudonym)."""
    if not isinstance(key, Key):
        raise input_error("key", f"a coproduction.privacy.Key (Key.from_file(path) or "
                                 f"Key.from_env(name)), not {type(key).__name__}; a key is "
                                 f"never given as bytes in code")
    return hmac.new(key._secret, digestmod=hashlib.sha256)


def __dir__() -> List[str]:
    return list(__all__)
