"""Draw a Textual/Rich SVG screenshot as a PNG with Pillow (no browser or cairo needed).

    python docs/screens/svg_to_png.py SCREEN.svg [MORE.svg...]   # writes SCREEN.png beside it

Rich's `export_svg` lays the terminal out as a grid: one `<rect>` per background run and one
`<text>` per run of same-styled characters, each at its cell's x and baseline y, with the
colours and weights in the `<style>` block. This reads exactly those elements (the window
frame, the title and the three dots included) and paints them with DejaVu Sans Mono, so the
PNG shows what the SVG shows, cell for cell.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FONT_SIZE = 20  # Rich's SVG: font-size 20px, cells 12.2 wide and 24.4 tall
CELL_WIDTH = 12.2
SUBSTITUTES = {"⭘": "○"}  # glyphs DejaVu Sans Mono lacks, drawn as the nearest it has

_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_CLASS = re.compile(r"\.(terminal-(?:\d+-)?r\d+) \{ ([^}]*)\}")
_MATRIX = re.compile(r'<g transform="translate\(([\d.]+), ([\d.]+)\)" clip-path')
_RECT = re.compile(
    r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
    r'height="([\d.]+)" shape-rendering="crispEdges"/>'
)
_TEXT = re.compile(
    r'<text class="(terminal-(?:\d+-)?r\d+)" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
)
_TITLE = re.compile(
    r'<text class="terminal-(?:\d+-)?title" fill="([^"]+)"[^>]*'
    r'x="([\d.]+)" y="([\d.]+)">([^<]*)</text>'
)
_FRAME = re.compile(r'<rect fill="(#[0-9a-f]{6})" stroke="[^"]*" stroke-width="1" x="1" y="1"')
_DOT = re.compile(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="(#[0-9a-f]{6})"/>')


def _styles(svg: str) -> dict[str, tuple[str, bool, bool]]:
    """Each text class: its colour, bold, italic."""
    styles = {}
    for name, body in _CLASS.findall(svg):
        colour = re.search(r"fill: (#[0-9a-f]{6})", body)
        styles[name] = (
            colour[1] if colour else "#c5c8c6",
            "bold" in body,
            "italic" in body,
        )
    return styles


def _font(bold: bool, italic: bool, size: int = FONT_SIZE) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono" + {(False, False): "", (True, False): "-Bold"}.get(
        (bold, italic), "-BoldOblique" if bold else "-Oblique"
    )
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), size)


def render(svg: str) -> Image.Image:
    width, height = (round(float(n)) for n in _VIEWBOX.search(svg).groups())  # type: ignore[union-attr]
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    frame = _FRAME.search(svg)
    draw.rounded_rectangle((1, 1, width - 2, height - 2), 8, fill=frame[1] if frame else "#292929")
    for cx, cy, r, fill in _DOT.findall(svg):  # the window's three dots, at translate(26,22)
        x, y, radius = float(cx) + 26, float(cy) + 22, float(r)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
    for fill, x, y, text in _TITLE.findall(svg):
        title = html.unescape(text)
        draw.text((float(x), float(y)), title, fill=fill, font=_font(True, False, 18), anchor="ms")
    left, top = (float(n) for n in _MATRIX.search(svg).groups())  # type: ignore[union-attr]
    for fill, x, y, w, h in _RECT.findall(svg):
        box = (
            left + float(x),
            top + float(y),
            left + float(x) + float(w),
            top + float(y) + float(h),
        )
        draw.rectangle(box, fill=fill)
    styles = _styles(svg)
    for name, x, y, text in _TEXT.findall(svg):
        colour, bold, italic = styles.get(name, ("#c5c8c6", False, False))
        font = _font(bold, italic)
        for i, char in enumerate(html.unescape(text)):
            position = (left + float(x) + i * CELL_WIDTH, top + float(y))
            glyph = SUBSTITUTES.get(char, char)
            draw.text(position, glyph, fill=colour, font=font, anchor="ls")
    return image


def main(paths: list[str]) -> None:
    for name in paths:
        source = Path(name)
        target = source.with_suffix(".png")
        render(source.read_text(encoding="utf-8")).save(target)
        print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
