#!/usr/bin/env python3
"""Corrections to expected.json where its first draft was wrong about what a correct fleet does (issue 12, part 6).

build_manifest.py applies them when it writes expected.json; `python3 corrections.py` applies them to the
expected.json on disk. Each correction says why in the file's `corrections` list, so a reader sees what changed.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

FORM_NOTE = ("artifact_class 'form' named a layout, not a TMF artifact: a generic form (tax return, job application, "
             "grant application) is class 'other'; the layout is kept in 'layout'.")

CODE_NOTES = {
    "adversarial/not-a-pdf-html-error-page.pdf": ("NOT_PDF", "The fleet's specific code for a file with no %PDF- header in its "
                                                  "first 1024 bytes is NOT_PDF (README, rejection codes); MALFORMED is for PDFs."),
    "adversarial/empty-file.pdf": ("EMPTY", "The fleet's specific code for a zero-byte file is EMPTY (README, rejection codes)."),
    "real/hostile-real-stackoverflow-no-header.pdf": ("NOT_PDF", "As its name says, the file has no %PDF- header in its first 1024 "
                                                      "bytes: NOT_PDF is the fleet's specific code for that."),
    "adversarial/deep-nesting-dicts-100k.pdf": ("RESOURCE_LIMIT", "The contained reader stops object nesting at its depth limit "
                                                "(RESOURCE_LIMIT 'nesting depth'): a clear code for a limit, as a hostile file should get."),
    "adversarial/image-2-gigapixel.pdf": ("INGESTED", "The 50,000 x 40,000 image sits on a Letter page: the page rendered at 300 dpi "
                                          "is 8.4 megapixels, within the OCR limits, and Poppler downsamples the image while decoding "
                                          "without passing the memory limit. Nothing was breached, so no RESOURCE_LIMIT; the page has "
                                          "no text, so the document waits for a reviewer (INGESTED)."),
}


def correct(expected):
    """Applies every correction to the expected.json document in place; returns it."""
    expected["vocabulary"].setdefault("NOT_PDF", "No %PDF- header within the first 1024 bytes.")
    expected["vocabulary"].setdefault("EMPTY", "Zero bytes.")
    for name, entry in expected["files"].items():
        notes = entry.setdefault("corrections", [])
        if entry.get("artifact_class") == "form":
            entry["artifact_class"] = "other"
            entry["layout"] = "form"
            notes.append(FORM_NOTE)
        if name in CODE_NOTES:
            code, note = CODE_NOTES[name]
            if code not in entry["acceptable"]:
                entry["acceptable"].insert(0, code)
                entry["outcome"] = code
                notes.append(note)
        if not notes:
            del entry["corrections"]
    return expected


def main():
    path = os.path.join(HERE, "expected.json")
    with open(path, encoding="utf-8") as f:
        expected = json.load(f)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(correct(expected), f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
