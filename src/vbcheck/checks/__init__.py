"""Built-in checks, one module per family. Each registers its rules through `vbcheck_checks`,
the same hook a third-party plugin implements."""

from ..hookspecs import hookimpl
from . import body, dateline, header, noi_nhan, numbering, scope, signature, title


@hookimpl
def vbcheck_checks():
    return [
        scope.out_of_scope,
        header.quoc_hieu, header.tieu_ngu, header.co_quan,
        numbering.so_ky_hieu,
        dateline.dia_danh_thoi_gian,
        title.ten_loai_trich_yeu, title.kinh_gui,
        body.ket_thuc,
        signature.signature,
        noi_nhan.noi_nhan,
    ]
