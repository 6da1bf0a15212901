"""Reads a DOCX with python-docx (and the zip's XML where python-docx 0.8 has no API) and prints
what the export tests check, as JSON: paragraphs with their style names, tables, hyperlinks,
comments, tracked changes (and paragraphs whose mark is inserted or deleted) and the footer's
fields. Independent of the code that wrote the file."""

import json
import sys
import zipfile
from xml.etree import ElementTree

import docx
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def text_of(element):
    return "".join(node.text or "" for node in element.iter() if node.tag in (W + "t", W + "delText"))


def effective(paragraph, name):
    """A paragraph property as Word applies it: set on the paragraph, else on its style chain."""
    value = getattr(paragraph.paragraph_format, name)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, name)
        style = style.base_style
    return bool(value)


def main(path):
    document = docx.Document(path)
    paragraphs = [
        {"style": p.style.name, "text": p.text} for p in document.paragraphs
    ]
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                cells.append({
                    "text": cell.text,
                    "styles": [p.style.name for p in cell.paragraphs],
                })
            rows.append(cells)
        tables.append({"style": table.style.name if table.style is not None else None, "rows": rows})

    rels = document.part.rels
    body = document.element.body
    hyperlinks = []
    for link in body.iter(qn("w:hyperlink")):
        rel = link.get(R + "id")
        target = rels[rel].target_ref if rel in rels else None
        hyperlinks.append({"text": text_of(link), "url": target})

    numbered = []
    for p in document.paragraphs:
        num = p._p.find(qn("w:pPr") + "/" + qn("w:numPr"))
        if num is not None:
            level = num.find(qn("w:ilvl"))
            numbered.append({
                "text": p.text,
                "style": p.style.name,
                "level": int(level.get(qn("w:val"))) if level is not None else 0,
            })

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        comments = []
        if "word/comments.xml" in names:
            root = ElementTree.fromstring(archive.read("word/comments.xml"))
            for comment in root.iter(W + "comment"):
                comments.append({
                    "id": comment.get(W + "id"),
                    "author": comment.get(W + "author"),
                    "text": text_of(comment),
                })
        document_xml = ElementTree.fromstring(archive.read("word/document.xml"))
        anchored = {}
        for start in document_xml.iter(W + "commentRangeStart"):
            anchored[start.get(W + "id")] = True
        marked = {"ins": [], "del": []}
        for paragraph in document_xml.iter(W + "p"):
            for change in ("ins", "del"):
                if paragraph.find(W + "pPr/" + W + "rPr/" + W + change) is not None:
                    marked[change].append(text_of(paragraph))
        insertions = [text_of(e) for e in document_xml.iter(W + "ins")]
        deletions = [text_of(e) for e in document_xml.iter(W + "del")]
        revisions = [
            {"kind": kind, "text": text_of(e), "author": e.get(W + "author"), "date": e.get(W + "date")}
            for e in document_xml.iter()
            for kind in [{W + "ins": "ins", W + "del": "del"}.get(e.tag)]
            if kind is not None and text_of(e) != ""
        ]
        footers = []
        for name in names:
            if name.startswith("word/footer"):
                root = ElementTree.fromstring(archive.read(name))
                fields = [node.text.strip() for node in root.iter(W + "instrText") if node.text]
                fields += [f.get(W + "instr").strip() for f in root.iter(W + "fldSimple")]
                footers.append({"text": text_of(root), "fields": fields})

    flow = [
        {
            "style": p.style.name,
            "text": p.text,
            "keepNext": effective(p, "keep_with_next"),
            "keepLines": effective(p, "keep_together"),
        }
        for p in document.paragraphs
    ]

    print(json.dumps({
        "paragraphs": paragraphs,
        "flow": flow,
        "tables": tables,
        "hyperlinks": hyperlinks,
        "numbered": numbered,
        "comments": comments,
        "anchoredCommentIds": sorted(anchored),
        "insertions": insertions,
        "deletions": deletions,
        "revisions": revisions,
        "insertedParagraphs": marked["ins"],
        "deletedParagraphs": marked["del"],
        "footers": footers,
        "title": document.core_properties.title,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
