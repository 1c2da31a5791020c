"""What a first visit to a public page downloads: the page and the style sheets,
scripts and images it names, fetched anonymously from a running server, in bytes
as served (uncompressed) and gzipped as nginx serves them (bin/lib-production.sh:
level 5, text types only, 1 KB and more). Web fonts, which the style sheets load
only when a glyph needs them, are left out.

    python bench/page_weight.py http://127.0.0.1:8069 / /gov/results/rankings
"""

import gzip
import re
import sys
import urllib.parse
import urllib.request

# Odoo's bundles are named <link ... href> and <script ... src>; images <img src>.
RESOURCE = re.compile(
    r"<link\b[^>]*\brel=\"(?:stylesheet|icon|shortcut icon)\"[^>]*\bhref=\"([^\"]+)\""
    r"|<script\b[^>]*\bsrc=\"([^\"]+)\""
    r"|<img\b[^>]*\bsrc=\"([^\"]+)\""
)
GZIPPED = ("text/", "application/javascript", "application/json", "image/svg+xml")


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read(), response.headers.get_content_type()


def served(body, content_type):
    """Bytes on the wire behind nginx: gzipped when nginx would."""
    if content_type.startswith(GZIPPED) and len(body) >= 1024:
        return len(gzip.compress(body, compresslevel=5))
    return len(body)


def weigh(base, path):
    page_url = urllib.parse.urljoin(base, path)
    html, content_type = fetch(page_url)
    rows = [(path, len(html), served(html, content_type))]
    seen = set()
    for match in RESOURCE.finditer(html.decode()):
        src = next(group for group in match.groups() if group)
        url = urllib.parse.urljoin(page_url, src.replace("&amp;", "&"))
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        body, content_type = fetch(url)
        rows.append((src, len(body), served(body, content_type)))
    return rows


def main(base, *paths):
    for path in paths:
        rows = weigh(base, path)
        raw, wire = sum(r[1] for r in rows), sum(r[2] for r in rows)
        print(f"\n{path}: {raw:,} B, gzip {wire:,} B")
        for src, raw, wire in sorted(rows, key=lambda r: -r[1]):
            print(f"  {raw:>10,} {wire:>10,}  {src[:90]}")


if __name__ == "__main__":
    main(*sys.argv[1:])
