"""The .docx reader plugin: hands a .docx, .docm or .dotx file to `vbcheck.ooxml.walk` and
refuses a legacy .doc with a one-line reason."""

from __future__ import annotations

from ..core.errors import InputError
from ..core.markers import hookimpl
from ..ooxml.walk import read_document


@hookimpl
def vbcheck_read(path: str, data: bytes):
    low = path.lower()
    if low.endswith((".docx", ".docm", ".dotx")):
        return read_document(data, path)
    if low.endswith(".doc"):
        raise InputError(
            "tệp Word cũ (.doc) không được hỗ trợ: hãy mở bằng Word và lưu lại dạng .docx",
            "legacy Word .doc is not supported: open it in Word and save as .docx",
        )
    return None
