"""Make the scanned report of the tests (tests/fixtures/reports/scan-huaian-2024.pdf) from its
hand-checked JSON: the report rendered by Gongkai as DOCX (reports/render.py), converted to PDF by
LibreOffice, each page rasterised at 200 dpi in grey (pypdfium2), turned by a fraction of a
degree, given a greyish paper, specks and a little blur as a scanner would, and saved as JPEG
pages of a PDF without a text layer (Pillow). Seeded: the same LibreOffice and fonts make the
same file.

Run:  .venv/bin/python scripts/make_scan_fixture.py [--name scan-huaian-2024]
Needs ``soffice`` (Debian: libreoffice-writer-nogui) and a Chinese font (fonts-wqy-zenhei).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from gongkai.reports import render  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
DPI = 200


def to_pdf(docx: bytes, folder: Path) -> bytes:
    """A DOCX converted to PDF by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）")
    source = folder / "report.docx"
    source.write_bytes(docx)
    subprocess.run(  # noqa: S603 - LibreOffice found on PATH, on a file of our own
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "report.pdf").read_bytes()


def scanned(page: Image.Image, rng: random.Random) -> Image.Image:
    """One page as a scanner gives it: greyish paper, slightly turned, a little soft, specked."""
    angle = rng.choice([-1, 1]) * rng.uniform(0.2, 0.7)
    paper = 236 + rng.randrange(8)
    page = page.point([min(v, paper) for v in range(256)])  # paper is never quite white
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    width, height = page.size
    # dust: a dark speck of one or two pixels in every 60 × 60 or so (a grain all over would
    # make the JPEG pages large)
    draw = ImageDraw.Draw(page)
    for _ in range(width * height // 3600):
        x, y, size = rng.randrange(width), rng.randrange(height), rng.choice((0, 0, 1))
        draw.rectangle((x, y, x + size, y + size), fill=rng.randrange(40, 140))
    return page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", default="scan-huaian-2024")
    parser.add_argument("--quality", type=int, default=40, help="JPEG quality of the pages")
    args = parser.parse_args()
    import pypdfium2 as pdfium

    report = json.loads((FIXTURES / f"{args.name}.json").read_text(encoding="utf-8"))
    rng = random.Random(14)  # noqa: S311 - noise for a test file, not a secret
    with tempfile.TemporaryDirectory(prefix="gongkai-scan-") as folder:
        pdf = pdfium.PdfDocument(to_pdf(render.to_docx(report), Path(folder)))
        pages = [
            scanned(pdf[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L"), rng)
            for i in range(len(pdf))
        ]
        pdf.close()
    target = FIXTURES / f"{args.name}.pdf"
    pages[0].save(
        target,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=DPI,
        quality=args.quality,
        # fixed dates: the same pages make the same file
        creationDate=time.gmtime(1735689600),  # 2025-01-01
        modDate=time.gmtime(1735689600),
        title=report.get("title", ""),
    )
    print(f"{target.relative_to(ROOT)}: {len(pages)} 页，{target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
