#!/usr/bin/env bash
# Regenerates app/assets/fonts/figure-sans.otf, the font the PNG figures are drawn with: Noto Sans
# CJK SC (SIL OFL 1.1, Debian's fonts-noto-cjk) cut down to printable ASCII, the symbols the
# figures use and every character of the app's catalogues, so English and Chinese labels render
# the same on any server, with no system fonts. A developer's tool, not run by CI: rerun it when
# a catalogue gains characters (app's test `every_catalogue_character_is_in_the_figure_font`
# says so).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_install --no-install-recommends fonts-noto-cjk
VENV="$LECTOR_TOOLS_DIR/font-venv"
"$VENV/bin/pyftsubset" --help >/dev/null 2>&1 || {
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "fonttools==4.61.1"
}
chars=$(mktemp)
{
  python3 -c 'print("".join(chr(c) for c in range(0x20, 0x7f)) + "−–—×±≤≥·κχ²³°…’“”‘αβσ√∞≈")'
  cat app/locales/*.ftl
} >"$chars"
"$VENV/bin/pyftsubset" /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --text-file="$chars" --layout-features='*' --no-hinting --desubroutinize \
  --output-file=app/assets/fonts/figure-sans.otf
rm -f "$chars"
ls -l app/assets/fonts/figure-sans.otf
