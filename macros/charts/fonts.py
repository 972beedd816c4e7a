"""The charts' font: Noto Sans CJK SC from the system (Debian: fonts-noto-cjk), and for the drawing
processes a subset of it holding only the characters the charts use.

vl-convert lays out and draws each text with the font, and reads the 19 MB font collection again for
every glyph it measures or draws: with the whole font, text is most of a chart's drawing time. A
subset of the same faces (fontTools, renamed ``SUBSET_FAMILY``) draws the same glyphs, pixel for pixel,
in about half the time (README, "构建性能"). It is named first in the charts' font list; where it is
not registered (a browser showing the SVG, the build's own process in `mkdocs serve`) the list goes on
to the system's Noto Sans CJK SC, so a drawing is the same whichever process made it.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.cache import Cache, key_of, version_of

FAMILY = "Noto Sans CJK SC"
SUBSET_FAMILY = "Chart Sans CJK SC"
WEIGHTS = {"Regular": FAMILY, "Bold": f"{FAMILY}:bold"}  # labels are regular; titles, axis titles and ranks bold
# what Vega writes of its own into a chart's texts besides the chart's words: numbers and their signs
VEGA_SIGNS = "".join(map(chr, range(0x20, 0x7F))) + "\u2212\u2026"  # ASCII, the minus sign, the ellipsis
MAKER = version_of([__file__], ["fonttools"])


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Face:
    """A face of a font file (a collection holds several)."""

    path: Path
    index: int


def system_faces() -> dict[str, Face]:
    """Noto Sans CJK SC regular and bold, as fontconfig finds them: charts never fall back to boxes."""
    faces = {}
    for weight, pattern in WEIGHTS.items():
        found = ""
        if shutil.which("fc-match"):
            found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern], capture_output=True, text=True, check=False).stdout
        family, _, rest = found.partition("\t")
        path, _, index = rest.partition("\t")
        if FAMILY not in family.split(",") or not Path(path).is_file():
            raise FontMissing(
                f"图表需要中文字体 {FAMILY}，请安装：apt-get install fonts-noto-cjk / Charts need the {FAMILY} font: apt-get install fonts-noto-cjk"
            )
        faces[weight] = Face(Path(path), int(index or 0))
    return faces


def folders(faces: dict[str, Face]) -> list[str]:
    """The folders holding the faces' files, for vl-convert's ``register_font_directory``."""
    return sorted({str(face.path.parent) for face in faces.values()})


def _strings(value: object) -> Iterator[str]:
    """Every string in a chart input (its fields, their items and fields, as they are: nothing copied)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def characters(charts: Iterable[object], code: Path) -> str:
    """Every character the charts can draw, sorted: each chart input's words, the words of the chart
    code ``code`` (its titles and labels) and the signs Vega writes into numbers."""
    found = set(VEGA_SIGNS) | set(code.read_text(encoding="utf-8"))
    for chart in charts:
        for text in _strings(chart):
            found.update(text)
    return "".join(sorted(c for c in found if unicodedata.category(c) != "Cc"))  # all but control characters


def _subset(face: Face, chars: str) -> bytes:
    """The face with only ``chars`` (and what its layout rules reach from them), named ``SUBSET_FAMILY``."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, fontNumber=face.index, lazy=True, recalcTimestamp=False)
    options = subset.Options(name_IDs=["*"], layout_features=["*"], notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    style = font["name"].getDebugName(2) or "Regular"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = SUBSET_FAMILY
        elif record.nameID in (4, 18):
            record.string = f"{SUBSET_FAMILY} {style}"
        elif record.nameID == 6:
            record.string = f"{SUBSET_FAMILY.replace(' ', '')}-{style}"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def subset(faces: dict[str, Face], chars: str, cache: Cache, folder: Path, make: bool = True) -> bool:
    """Write the subset of each face into ``folder`` (for vl-convert's ``register_font_directory``), kept
    in the cache under the characters and the faces' files; one not in the cache yet is made only if
    ``make`` (it takes about 2 s). True when the subset is in ``folder``."""
    keys = {weight: key_of(MAKER, chars, str(face.path), face.index, face.path.stat().st_size) for weight, face in faces.items()}
    kept = {weight: cache.get("fonts", key) for weight, key in keys.items()}
    if not make and None in kept.values():
        return False
    for weight, face in faces.items():
        made = kept[weight] or cache.fetch("fonts", keys[weight], lambda face=face: _subset(face, chars))  # type: ignore[misc]
        (folder / f"{SUBSET_FAMILY.replace(' ', '')}-{weight}.otf").write_bytes(made)
    return True
