"""Reading a file's bytes safely: read-only, never blocking, at most VBCHECK_MAX_BYTES, and every
failure a one-line reason (`InputError`). Every command and runner reads input through here."""

from __future__ import annotations

import os

from ..core import limits
from ..core.errors import InputError


def too_large(size: int, limit: int) -> InputError:
    return InputError(f"tệp quá lớn ({limits.mb(size)} > {limits.mb(limit)}, VBCHECK_MAX_BYTES)",
                      f"file too large ({limits.mb(size)} > {limits.mb(limit)}, VBCHECK_MAX_BYTES)")


def read_file(path: str) -> bytes:
    """The bytes of a regular file, read-only and at most VBCHECK_MAX_BYTES of them; every
    failure is an InputError with a one-line reason (the file is never opened for writing)."""
    return read_regular(path, limits.get("VBCHECK_MAX_BYTES"))


def read_regular(path: str, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, opened read-only
    and without blocking (a FIFO, a device such as /dev/zero, a folder: refused, never read);
    with `follow_links=False` a symbolic link is refused too. Every failure is an InputError.
    Documents, configuration files and cache entries are all read through here."""
    import errno
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: a FIFO swapped in after the check below must not block the run.
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("liên kết tượng trưng bị hỏng (đích không tồn tại)",
                             "broken symbolic link (its target does not exist)") from None
        raise InputError("không tìm thấy tệp", "file not found") from None
    except IsADirectoryError:
        raise InputError("là một thư mục, không phải tệp", "is a directory, not a file") from None
    except PermissionError:
        if os.path.isdir(path):
            raise InputError("không có quyền đọc thư mục", "permission denied (directory)") from None
        raise InputError("không có quyền đọc tệp", "permission denied") from None
    except (UnicodeEncodeError, ValueError):
        # A name the system cannot hold: a lone surrogate that is no surrogate-escaped byte, or
        # a NUL character (names read from disk round-trip through surrogateescape and open fine).
        raise InputError("tên tệp không hợp lệ (ký tự không mã hóa được hoặc ký tự NUL)",
                         "invalid file name (a character the system cannot encode, or NUL)") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            if not follow_links and os.path.islink(path):
                raise InputError("là liên kết tượng trưng", "is a symbolic link") from None
            raise InputError("vòng lặp liên kết tượng trưng", "symbolic link loop") from None
        raise InputError(f"không đọc được tệp ({e.strerror})", f"cannot read file ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            try:  # a folder the CLI could not search is said as such
                os.scandir(path).close()
            except OSError as e:
                raise InputError(f"không liệt kê được thư mục ({e.strerror})",
                                 f"cannot list the directory ({e.strerror})") from None
            raise InputError("là một thư mục, không phải tệp", "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError("không phải tệp thông thường (thiết bị, FIFO hoặc socket)",
                             "not a regular file (device, FIFO or socket)")
        if st.st_size > limit:
            raise too_large(st.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            # The size fstat gave, then what the file grew by since, up to the limit: read(n)
            # reserves n bytes at once, which would cost every small file the whole limit.
            parts = [fh.read(st.st_size + 1)]
            got = len(parts[0])
            while got <= limit and (more := fh.read(min(limit + 1 - got, 1 << 20))):
                parts.append(more)
                got += len(more)
            data = parts[0] if len(parts) == 1 else b"".join(parts)
        if len(data) > limit:
            raise too_large(len(data), limit)
        return data
    except PermissionError:
        raise InputError("không có quyền đọc tệp", "permission denied") from None
    except OSError as e:
        raise InputError(f"không đọc được tệp ({e.strerror})", f"cannot read file ({e.strerror})") from None
    finally:
        os.close(fd)


class NotRegularFile(OSError):
    """write_atomic(follow_links=False) found something other than a regular file at the target."""


def write_atomic(target: str, data: bytes, *, follow_links: bool = True) -> None:
    """Write `data` to `target` through a new temporary file beside it and a rename, so that an
    interrupted run leaves `target` as it was, never half written. Every writer of vbcheck
    (reports, fixed and annotated copies) goes through here.

    The temporary file is created with O_EXCL and O_NOFOLLOW and mode 0666, which the umask
    reduces as for any new file, and synced before the rename; a regular file replaced keeps its
    permission bits. With `follow_links` a symbolic link is followed (the link stays, its target
    gets the data); without, `target` must be a regular file or absent, checked again just before
    the rename so that nothing swapped in meanwhile is replaced (NotRegularFile)."""
    import errno
    import stat

    real = os.path.realpath(target) if follow_links else os.path.abspath(target)
    try:
        mode = stat.S_IMODE((os.stat if follow_links else os.lstat)(real).st_mode)
    except OSError:
        mode = None
    folder = os.path.dirname(real) or "."
    base = os.path.basename(real)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for attempt in range(100):
        tmp = os.path.join(folder, f".{base}.{os.getpid()}.{attempt}.vbcheck-tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    else:
        raise OSError(errno.EEXIST, "no free temporary name", folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if not follow_links:
            try:
                if not stat.S_ISREG(os.lstat(real).st_mode):
                    raise NotRegularFile(errno.EEXIST, "not a regular file; not replaced", target)
            except FileNotFoundError:
                pass
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
