"""PDF, DOCX, HTML, text encodings and URLs. Test files are generated here, never committed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from beleidslens.document import NodeKind
from beleidslens.errors import IngestError
from beleidslens.ingest import INGESTERS, load_document

CHAPTER_TEXT = [
    "Wij willen dat inwoners de gemeente vertrouwen. Daarom investeren we € 2,5 mln. per jaar",
    "in een loket in iedere wijk en verbeteren we de dienstverlening op EU-",
    "niveau en in de regio.",
]


def make_pdf(path: Path, pages: list[list[str]], *, encrypt: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def test_registry_has_versioned_formats() -> None:
    names = INGESTERS.names()
    for name in ("txt.v1", "md.v1", "pdf.v1", "docx.v1", "html.v1"):
        assert name in names
    assert INGESTERS.resolve("pdf") == "pdf.v1"


def test_pdf_pages_and_structure(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "akkoord.pdf",
        [
            ["Inleiding", "Dit akkoord gaat over wonen, werk en zorg in onze gemeente.", "2"],
            ["1. Bestuur en vertrouwen", "Relatie burger-overheid", *CHAPTER_TEXT],
            [
                "• We verbeteren de schuldhulpverlening zodat inwoners sneller geholpen",
                "worden.",
                "Tweede alinea met extra uitleg over de plannen voor de komende jaren.",
            ],
        ],
    )
    doc = load_document(pdf)
    doc.check()
    assert doc.source.format == "pdf"
    assert doc.source.page_count == 3
    assert doc.first_page == 1
    assert [c.title for c in doc.chapters()] == ["Inleiding", "1. Bestuur en vertrouwen"]
    assert [c.page for c in doc.chapters()] == [1, 2]
    section = next(doc.iter(NodeKind.SECTION))
    assert section.title == "Relatie burger-overheid"
    assert section.heading_path == ("1. Bestuur en vertrouwen", "Relatie burger-overheid")
    assert "EU-niveau" in doc.text
    assert "€ 2,5 mln. per jaar in een loket" in doc.text
    bullet = next(doc.iter(NodeKind.BULLET))
    assert bullet.page == 3
    assert bullet.text.endswith("sneller geholpen worden.")
    # the printed page number "2" at the bottom of page 1 is not text
    assert "\n\n2\n\n" not in doc.text


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(IngestError, match="OCR"):
        load_document(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "geheim.pdf", [["Geheime tekst."]], encrypt="wachtwoord")
    with pytest.raises(IngestError, match="encrypted") as info:
        load_document(path)
    assert str(path) in str(info.value)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"rommel " * 200)
    with pytest.raises(IngestError, match="PDF"):
        load_document(path)


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Coalitieakkoord Lindenwaard", level=0)
    d.add_heading("Wonen", level=1)
    d.add_paragraph("We bouwen 1.200 woningen. Daarvan is twee derde betaalbaar.")
    d.add_heading("Huur", level=2)
    d.add_paragraph("Huren blijven betaalbaar voor starters.", style="List Bullet")
    d.add_paragraph("Er komt een huurteam.", style="List Number")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["Onderwerp", "2027", "2028"], ["Wonen", "2,5", "3,0"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_heading("Zorg", level=1)
    d.add_paragraph("Meer preventie in de wijk.")
    d.save(str(path))
    return path


def test_docx(tmp_path: Path) -> None:
    doc = load_document(make_docx(tmp_path / "akkoord.docx"))
    doc.check()
    assert doc.source.format == "docx"
    assert doc.first_page is None
    assert doc.source.title == "Coalitieakkoord Lindenwaard"
    assert [c.title for c in doc.chapters()] == ["Coalitieakkoord Lindenwaard", "Wonen", "Zorg"]
    assert [s.title for s in doc.iter(NodeKind.SECTION)] == ["Huur"]
    assert [b.text for b in doc.iter(NodeKind.BULLET)] == [
        "Huren blijven betaalbaar voor starters.",
        "Er komt een huurteam.",
    ]
    rows = [r.text for r in doc.iter(NodeKind.TABLE_ROW)]
    assert rows == ["Onderwerp | 2027 | 2028", "Wonen | 2,5 | 3,0"]
    assert rows and next(doc.iter(NodeKind.TABLE_ROW)).heading_path == ("Wonen", "Huur")


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"PK\x03\x04 dit is geen echte docx" * 10)
    with pytest.raises(IngestError, match="DOCX"):
        load_document(path)


def test_docx_zip_without_document(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "leeg.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("iets.txt", "hallo")
    with pytest.raises(IngestError, match=r"word/document\.xml"):
        load_document(path)


def test_docx_zip_bomb(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * 20_000_000)
    assert path.stat().st_size < 100_000
    with pytest.raises(IngestError, match="zip bomb"):
        load_document(path)


HTML = """<!doctype html><html lang="nl"><head><title>Akkoord Lindenwaard</title>
<script>var tracking = "Dit is geen inhoud";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/nieuws">Nieuwsoverzicht</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent">Wij gebruiken cookies. Accepteer alle cookies.</div>
<main><article>
<h1>Coalitieakkoord Lindenwaard</h1>
<p>De coalitie kiest voor een gemeente die dichtbij is en die luistert naar haar inwoners en ondernemers.</p>
<h2>Klimaat en energie</h2>
<p>We willen 55% minder CO2-uitstoot in 2030 en helpen huishoudens met isolatie van hun woning.</p>
<ul><li>We isoleren drieduizend woningen met een slecht energielabel.</li>
<li>We plaatsen zonnepanelen op alle gemeentelijke gebouwen.</li></ul>
<h2>Armoede en schulden</h2>
<p>Niemand hoeft in Lindenwaard in armoede te leven; we helpen inwoners met schulden snel en zonder drempels.</p>
</article></main>
<footer><p>Gemeente Lindenwaard · Privacyverklaring · Contactformulier</p></footer>
</body></html>"""


def test_html_main_content(tmp_path: Path) -> None:
    path = tmp_path / "akkoord.html"
    path.write_text(HTML, encoding="utf-8")
    doc = load_document(path)
    doc.check()
    assert doc.source.format == "html"
    for junk in ("cookies", "Nieuwsoverzicht", "tracking", "Privacyverklaring"):
        assert junk not in doc.text
    headings = [b.text for b in doc.iter(NodeKind.HEADING)]
    assert "Klimaat en energie" in headings and "Armoede en schulden" in headings
    bullets = [b.text for b in doc.iter(NodeKind.BULLET)]
    assert bullets == [
        "We isoleren drieduizend woningen met een slecht energielabel.",
        "We plaatsen zonnepanelen op alle gemeentelijke gebouwen.",
    ]
    bullet = next(doc.iter(NodeKind.BULLET))
    assert bullet.heading_path[-1] == "Klimaat en energie"


DUTCH = "Café De Eenhoorn: € 2,5 mln. voor één ruïne en coöperaties.\n\nTweede alinea.\n"


@pytest.mark.parametrize(
    ("payload", "encoding"),
    [
        (DUTCH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + DUTCH.encode("utf-8"), "utf-8-sig"),
        (DUTCH.encode("cp1252"), "cp1252"),
        (DUTCH.replace("€", "EUR").encode("latin-1"), "cp1252"),
        (DUTCH.encode("utf-16"), "utf-16"),
    ],
)
def test_text_encodings(tmp_path: Path, payload: bytes, encoding: str) -> None:
    path = tmp_path / "tekst.txt"
    path.write_bytes(payload)
    doc = load_document(path)
    doc.check()
    assert doc.source.encoding == encoding
    assert doc.text.startswith("Café De Eenhoorn:")
    assert "één ruïne en coöperaties" in doc.text
    assert "\ufeff" not in doc.text


# -- URLs ----------------------------------------------------------------------------------

ROUTES: dict[str, tuple[int, str, bytes]] = {}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, ctype, body = ROUTES.get(self.path, (404, "text/plain", b"niet gevonden"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_formats(server: str, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", [["Inleiding", "Een zin over het klimaat."]]).read_bytes()
    docx_bytes = make_docx(tmp_path / "a.docx").read_bytes()
    ROUTES.update(
        {
            "/a.txt": (200, "text/plain; charset=utf-8", DUTCH.encode("utf-8")),
            "/page": (200, "text/html; charset=utf-8", HTML.encode("utf-8")),
            "/doc.pdf": (200, "application/pdf", pdf),
            "/download": (200, "application/octet-stream", docx_bytes),
            "/download.docx": (200, "application/octet-stream", docx_bytes),
            "/plaatje": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
        }
    )
    assert load_document(f"{server}/a.txt").text.startswith("Café")
    html = load_document(f"{server}/page")
    assert html.source.format == "html" and "Klimaat en energie" in html.text
    assert html.source.name == f"{server}/page"
    pdf_doc = load_document(f"{server}/doc.pdf")
    assert pdf_doc.source.format == "pdf" and pdf_doc.first_page == 1
    assert load_document(f"{server}/download.docx").source.format == "docx"
    with pytest.raises(IngestError, match="content type 'application/octet-stream'"):
        load_document(f"{server}/download")
    with pytest.raises(IngestError, match="content type 'image/png'") as info:
        load_document(f"{server}/plaatje")
    assert f"{server}/plaatje" in str(info.value)
    with pytest.raises(IngestError, match="HTTP 404"):
        load_document(f"{server}/bestaat-niet")
    with pytest.raises(IngestError, match="size limit"):
        load_document(f"{server}/doc.pdf", max_bytes=100)


def test_url_unreachable() -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    url = f"http://127.0.0.1:{port}/akkoord.pdf"
    with pytest.raises(IngestError, match="cannot connect") as info:
        load_document(url, timeout=2)
    assert url in str(info.value)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a.txt", "file:///etc/passwd"])
def test_url_bad_scheme(url: str) -> None:
    with pytest.raises(IngestError, match="unsupported URL scheme"):
        load_document(url)


@pytest.mark.corpus
def test_agreement_pdf_matches_text() -> None:
    from conftest import shared_path

    pdf = load_document(
        shared_path("corpus", "coalitieakkoord-2021-favstats", "coalitieakkoord-2021-2025.pdf")
    )
    pdf.check()
    assert pdf.source.page_count == 50
    titles = [c.title for c in pdf.chapters()]
    assert [t for t in titles if t[:1].isdigit()] == [
        "1. Democratische rechtsorde",
        "2. Duurzaam land",
        "3. Veiligheid en sterke samenleving",
        "4. Bestaanszekerheid en kansengelijkheid",
        "5. Welvarend land",
        "6. Gezondheid",
        "7. Internationaal",
    ]
    klimaat = next(s for s in pdf.iter(NodeKind.SECTION) if s.title == "Klimaat en energie")
    assert klimaat.page == 9  # physical page of the PDF
    assert "EU-niveau" in pdf.text


def test_pdf_first_page(tmp_path: Path) -> None:
    """``first_page`` renumbers a PDF excerpt's physical pages."""
    pdf = make_pdf(
        tmp_path / "uittreksel.pdf",
        [["Inleiding", *CHAPTER_TEXT], ["1. Bestuur en vertrouwen", *CHAPTER_TEXT]],
    )
    doc = load_document(pdf, first_page=41)
    doc.check()
    assert doc.first_page == 41
    assert [c.page for c in doc.chapters()] == [41, 42]
    assert doc.page_at(len(doc.text) - 1) == 42
