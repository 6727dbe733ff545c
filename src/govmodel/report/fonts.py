"""A CJK font for matplotlib, from pip: Noto Sans CJK (package ``noto-cjk-sans-otc``, OFL).

:func:`use_cjk_font` registers the collection with matplotlib's font manager once and returns
the family name to pass as ``fontfamily=`` (or it sets it as the default sans-serif), so
Chinese labels render with real glyphs and no missing-glyph warnings, in PNG, PDF and SVG.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["CJK_FAMILY", "cjk_font_path", "cjk_subset_font", "use_cjk_font"]

CJK_FAMILY = "Noto Sans CJK SC"
"""The simplified-Chinese face of the collection (matplotlib ≥ 3.11 picks it from the .ttc)."""


def cjk_font_path() -> Path:
    """Path of the pip-installed ``NotoSansCJK-Regular.ttc``.

    Raises
    ------
    FileNotFoundError
        If the package ``noto-cjk-sans-otc`` is not installed.
    """
    try:
        from noto_cjk_sans_otc import FONT_PATH  # type: ignore[import-untyped]

        path = Path(str(FONT_PATH))
    except ImportError:
        from importlib.util import find_spec

        spec = find_spec("noto_cjk_sans_otc")
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(
                "the CJK font package is missing: pip install noto-cjk-sans-otc"
            ) from None
        path = Path(next(iter(spec.submodule_search_locations))) / "NotoSansCJK-Regular.ttc"
    if not path.is_file():
        raise FileNotFoundError(f"CJK font not found at {path}: pip install noto-cjk-sans-otc")
    return path


@cache
def use_cjk_font(set_default: bool = True) -> str:
    """Register Noto Sans CJK with matplotlib (once) and return its family name.

    Parameters
    ----------
    set_default : bool
        Also put it first in ``font.sans-serif`` (and use sans-serif), so every text of later
        figures can render Chinese without passing ``fontfamily``.

    Returns
    -------
    str
        ``"Noto Sans CJK SC"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> use_cjk_font()
    'Noto Sans CJK SC'
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(cjk_font_path()))
    if set_default:
        current = [f for f in mpl.rcParams["font.sans-serif"] if f != CJK_FAMILY]
        mpl.rcParams["font.sans-serif"] = [CJK_FAMILY, *current]
        mpl.rcParams["font.family"] = "sans-serif"
        mpl.rcParams["axes.unicode_minus"] = False
    return CJK_FAMILY


def cjk_subset_font(text: str) -> bytes:
    """An OpenType font holding only the glyphs ``text`` uses (Noto Sans CJK SC: Chinese and Latin), so an
    HTML report can embed it and read right on a machine without Chinese fonts.

    fontTools (a dependency of matplotlib) subsets the collection's SC face: about 130 KB
    for the ~700 distinct characters of a full report, instead of 15 MB for the whole font.
    Subsetting takes seconds, so the bytes are kept on disk beside the other caches
    (:mod:`govmodel.sim.store`, kind ``fonts``) for the same font file, characters and code.
    """
    import os

    import fontTools

    from govmodel.sim import store

    chars = "".join(sorted({c for c in text if ord(c) >= 0x20}))
    st = os.stat(cjk_font_path())
    key = store.value_key("fonts", str(cjk_font_path()), st.st_size, st.st_mtime_ns, fontTools.version, chars)
    if key is not None:
        found = store.load([key], "fonts").get(key)
        if isinstance(found, bytes):
            return found
    out = _subset(text)
    if key is not None:
        store.save({key: out}, "fonts", keep=16)
    return out


def _subset(text: str) -> bytes:
    import io

    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    path = str(cjk_font_path())
    with TTCollection(path, lazy=True) as collection:  # closed: no file left open per report
        faces = [f["name"].getDebugName(1) for f in collection.fonts]
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(
        unicodes=sorted({ord(c) for c in text if ord(c) >= 0x20})
    )  # Latin too: one font for every text
    buf = io.BytesIO()
    with TTFont(
        path,
        fontNumber=faces.index(CJK_FAMILY) if CJK_FAMILY in faces else 0,
        lazy=True,
        recalcTimestamp=False,
    ) as font:  # the same text gives the same bytes (reproducible reports)
        sub.subset(font)
        font.save(buf)
    return buf.getvalue()
