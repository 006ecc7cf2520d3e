"""The legacy 8-bit Vietnamese encodings, TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts),
as they look once a Latin-1 (or Windows-1252) reading has turned their bytes into Unicode
mojibake, and their decoders to Unicode. The text reader uses them to recognise a legacy file;
VB001 to give the likely reading of a paragraph."""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, VN3) byte -> Unicode; capitals in the .VnTimeH fonts use the same codes.
TCVN3 = dict(zip(
    "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ",
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    tones = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # sắc huyền hỏi ngã nặng
    plain = ["ù", "ø", "û", "õ", "ï"]
    circ = ["á", "à", "å", "ã", "ä"]
    breve = ["é", "è", "ú", "ü", "ë"]
    i_marks = ["í", "ì", "æ", "ó", "ò"]

    def add(vni: str, uni: str) -> None:
        table[vni] = unicodedata.normalize("NFC", uni)
        table[vni.upper()] = unicodedata.normalize("NFC", uni).upper()

    for base in "aeouy":
        for t, ch in zip(tones, plain):
            if base == "y" and t == "\u0323":
                continue
            add(base + ch, base + t)
    add("î", "ỵ")
    for base in "aeo":  # â ê ô
        add(base + "â", base + "\u0302")
        for t, ch in zip(tones, circ):
            add(base + ch, base + "\u0302" + t)
    add("aê", "ă")
    for t, ch in zip(tones, breve):
        add("a" + ch, "a\u0306" + t)
    for vni_base, uni_base in (("ô", "ơ"), ("ö", "ư")):
        add(vni_base, uni_base)
        for t, ch in zip(tones, plain):
            add(vni_base + ch, uni_base + t)
    for t, ch in zip(tones, i_marks):
        add(ch, "i" + t)
    add("ñ", "đ")
    return table


VNI = _vni_table()
_VNI_KEYS = sorted(VNI, key=len, reverse=True)
_VNI_RE = re.compile("|".join(re.escape(k) for k in _VNI_KEYS))
_TCVN3_RE = re.compile("[" + re.escape("".join(TCVN3)) + "]")


def decode_tcvn3(s: str) -> str:
    return _TCVN3_RE.sub(lambda m: TCVN3[m.group(0)], s)


def decode_vni(s: str) -> str:
    return _VNI_RE.sub(lambda m: VNI[m.group(0)], s)
