"""Opening a .docx package and reading its parts within the limits (`vbcheck.core.limits`):
OLE and non-ZIP data refused, zip bombs refused by their declared sizes and ratios, no part
inflated beyond its declared size or the cap, a DTD in any XML part refused."""

from __future__ import annotations

import contextlib
import io
import zipfile

from ..core import limits
from ..core.errors import InputError
from .xml import declares_dtd, refuse_dtd


def _entry_count(data: bytes) -> int | None:
    """Members declared by the ZIP's end record, read before zipfile builds one object each."""
    try:
        rec = zipfile._EndRecData(io.BytesIO(data))  # noqa: SLF001 - stable since Python 2
        return int(rec[zipfile._ECD_ENTRIES_TOTAL]) if rec else None
    except Exception:  # noqa: BLE001 - zipfile itself reports a bad archive just after
        return None


def too_big(vi: str, en: str) -> InputError:
    return InputError(f"tệp .docx bị từ chối: {vi} (có thể là zip bomb)", f".docx refused: {en} (possible zip bomb)")


def open_package(data: bytes) -> zipfile.ZipFile:
    """Open a .docx package, refusing OLE files, non-ZIP data and zip bombs by their declared
    sizes (nothing is decompressed here)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            "tệp Word cũ (.doc) hoặc .docx có mật khẩu: hãy mở bằng Word, bỏ mật khẩu và lưu lại dạng .docx",
            "legacy Word (.doc) or password-protected .docx: open it in Word, remove the password and save as .docx",
        )
    if not data.startswith(b"PK"):
        raise InputError("không phải tệp .docx (không phải gói ZIP)", "not a .docx file (not a ZIP package)")
    max_parts = limits.get("VBCHECK_MAX_PARTS")
    declared = _entry_count(data)
    if declared is not None and declared > max_parts:
        raise too_big(f"gói có {declared} phần (tối đa {max_parts})", f"package has {declared} parts (limit {max_parts})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError,
            IndexError, OverflowError, UnicodeDecodeError, NotImplementedError) as e:
        msg = " ".join(str(e).split())[:200]
        raise InputError(f"tệp .docx hỏng hoặc bị cắt cụt ({msg})", f"corrupt or truncated .docx ({msg})") from None
    infos = zf.infolist()
    if len(infos) > max_parts:
        raise too_big(f"gói có {len(infos)} phần (tối đa {max_parts})", f"package has {len(infos)} parts (limit {max_parts})")
    max_part = limits.get("VBCHECK_MAX_PART_BYTES")
    max_total = limits.get("VBCHECK_MAX_TOTAL_BYTES")
    max_ratio = limits.get("VBCHECK_MAX_RATIO")
    total = 0
    for info in infos:
        total += info.file_size
        name = info.filename[:80]
        if info.file_size > max_part:
            raise too_big(f"phần {name} giải nén ra {limits.mb(info.file_size)} (tối đa {limits.mb(max_part)})",
                           f"part {name} expands to {limits.mb(info.file_size)} (limit {limits.mb(max_part)})")
        if total > max_total:
            raise too_big(f"các phần giải nén ra hơn {limits.mb(max_total)}",
                           f"parts expand to more than {limits.mb(max_total)}")
        if info.file_size > 1_000_000 and info.file_size > max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise too_big(f"phần {name} nén {ratio}:1 (tối đa {max_ratio}:1)",
                           f"part {name} is compressed {ratio}:1 (limit {max_ratio}:1)")
    return zf


def _decompress_errors() -> tuple[type[BaseException], ...]:
    import zlib

    errs: list[type[BaseException]] = [
        zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError,
        IndexError, OverflowError, NotImplementedError, RuntimeError, zlib.error]
    try:
        import lzma

        errs.append(lzma.LZMAError)
    except ImportError:  # Python built without lzma: zipfile cannot open such members anyway
        pass
    return tuple(errs)


# What a damaged member raises while it is decompressed (bad CRC, bad stream, wrong sizes,
# an encrypted member: RuntimeError, an unknown method: NotImplementedError).
_DECOMPRESS_ERRORS = _decompress_errors()


def refuse_dtd_parts(zf: zipfile.ZipFile, keep: tuple[str, ...] = (), keep_up_to: int = -1) -> dict[str, bytes]:
    """Refuse the package when any XML part (.xml, .rels) declares a DTD or entity, even a part
    vbcheck does not read itself: OPC forbids DTDs in parts, and python-docx (the annotated
    copy) parses every related part with its own parser. Reads at most the part-size cap.

    Returns the bytes of the parts named in `keep` and of every other XML part of at most
    `keep_up_to` bytes, so the caller does not inflate them twice."""
    kept = {}
    max_part = limits.get("VBCHECK_MAX_PART_BYTES")  # once: the environment is read at every get
    for info in zf.infolist():
        name = info.filename
        if name.lower().endswith((".xml", ".rels")) and not name.endswith("/"):
            data = read_part(zf, name, max_part) or b""
            if declares_dtd(data):
                raise refuse_dtd(name[:80])
            if name in keep or len(data) <= keep_up_to:
                kept[name] = data
    return kept


def package_part(meta: dict, name: str) -> bytes | None:
    """The bytes of a part of a read package (None when absent): those the reader kept from its
    scan (`meta["part_data"]`, handed over once: the caller parses them once), else read again
    from the package (`meta["zip"]`)."""
    kept = meta.get("part_data")
    if kept and name in kept:
        return kept.pop(name)
    zf = meta.get("zip")
    return read_part(zf, name) if zf is not None else None


def read_part(zf: zipfile.ZipFile, name: str, max_part: int | None = None) -> bytes | None:
    """The bytes of one part, or None when absent; never more than VBCHECK_MAX_PART_BYTES (or
    `max_part`, for callers reading many parts) are decompressed, whatever the package declares."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    return read_member(zf, info, max_part)


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, max_part: int | None = None) -> bytes:
    """`read_part` for one member of the archive (of several with the same name, this one)."""
    name = info.filename
    if max_part is None:
        max_part = limits.get("VBCHECK_MAX_PART_BYTES")
    try:
        with zf.open(info) as f:
            # Never inflate more than the declared size (+1) or the cap: a member that lies about
            # its size stops there and fails its CRC check.
            data = f.read(min(info.file_size, max_part) + 1)
    except _DECOMPRESS_ERRORS as e:
        msg = " ".join(str(e).split())[:200]
        raise InputError(f"tệp .docx hỏng: không đọc được {name} ({msg})",
                         f"corrupt .docx: cannot read {name} ({msg})") from None
    if len(data) > max_part:
        raise too_big(f"{name} giải nén ra hơn {limits.mb(max_part)}", f"{name} expands beyond {limits.mb(max_part)}")
    return data


@contextlib.contextmanager
def member_chunks(zf: zipfile.ZipFile, name: str, size: int = 1 << 14):
    """A part of a package the reader has read (within the limits, `read_member`), decompressed
    again piece by piece as far as the caller reads (the header of a long document does not
    inflate all of it); the errors of a damaged member are read_member's."""
    info = zf.getinfo(name)

    def pieces(f):
        left = min(info.file_size, limits.get("VBCHECK_MAX_PART_BYTES")) + 1
        while left > 0:
            try:
                data = f.read(min(size, left))
            except _DECOMPRESS_ERRORS as e:
                msg = " ".join(str(e).split())[:200]
                raise InputError(f"tệp .docx hỏng: không đọc được {name} ({msg})",
                                 f"corrupt .docx: cannot read {name} ({msg})") from None
            if not data:
                return
            left -= len(data)
            yield data

    try:
        f = zf.open(info)
    except _DECOMPRESS_ERRORS as e:
        msg = " ".join(str(e).split())[:200]
        raise InputError(f"tệp .docx hỏng: không đọc được {name} ({msg})",
                         f"corrupt .docx: cannot read {name} ({msg})") from None
    with f:
        yield pieces(f)
