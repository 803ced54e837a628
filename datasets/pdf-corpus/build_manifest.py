#!/usr/bin/env python3
"""Builds corpus.json, expected.json and SOURCES.md of the PDF corpus from the files on disk.

    python3 build_manifest.py

Inputs: the REAL table below (provenance, category, expected outcome of every file under real/),
FILES in generate_adversarial.py (the same for adversarial/), and pdfpig-0.1.16-probe.json (what
PdfPig 0.1.16 did with each file; see SOURCES.md for how it was made). Facts are measured here
with poppler-utils (pdfinfo, pdftotext) and qpdf, which must be installed
(apt-get install -y poppler-utils qpdf). Standard library only. Takes a few minutes: pdftotext
needs about 90 s on the 2 GiB decompression bomb and the
tools hit their time-outs on a few hostile files (about 8 minutes in all; a time-out is recorded as a fact).

It checks that every file under real/ still has the Git blob id recorded for it, i.e. that it is
byte for byte the file at that path and commit of the source repository.
"""

import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corrections  # noqa: E402
import generate_adversarial  # noqa: E402

REPOS = {
    "mozilla/pdf.js": dict(commit="0f26334f9d6f96119f6e5164fb65832fbbde7344", licence="Apache-2.0",
                           note="test/pdfs: PDFs attached to pdf.js bug reports; only files committed in the repository (not the .link files) were taken."),
    "UglyToad/PdfPig": dict(commit="99a2d48fe792e2eb335b6053863a101a62d924ed", licence="Apache-2.0",
                            note="Integration test documents, many collected from PDFBox, Ghostscript, Mozilla and Tika bug trackers."),
    "py-pdf/sample-files": dict(commit="6921079eb3e1ed0944db5ec75016910d59da7fdb", licence="CC-BY-SA-4.0",
                                note="README: every PDF in the repository is under CC-BY-SA-4.0."),
    "py-pdf/pypdf": dict(commit="f6853ccd3ff492309c84060186aabc88ed472ffd", licence="BSD-3-Clause",
                         note="resources/: test PDFs of pypdf."),
    "qpdf/qpdf": dict(commit="dfd251125cadb59fe04836f9197c3ef94f99cf55", licence="Apache-2.0",
                      note="qpdf/qtest/qpdf and examples/qtest: qpdf's test suite inputs, mostly hand-made."),
    "pdfminer/pdfminer.six": dict(commit="9e1243c4ad000bf9bbe60e81fc8dde2fccc0ed3b", licence="MIT",
                                  note="samples/ (files from samples/nonfree were NOT taken)."),
}

CATEGORIES = {
    "born-digital": "Ordinary born-digital text PDFs (legal text, invoice, research paper, government forms printed to PDF)",
    "cjk": "Chinese, Japanese and Korean text",
    "rtl": "Right-to-left text (Arabic, Hebrew)",
    "acroform": "AcroForm forms, unfilled and filled",
    "xfa": "XFA forms (dynamic: the content is only in the XFA XML; static: the pages carry it too)",
    "scan-no-text": "Scans without a text layer (image-only pages)",
    "scan-ocr": "Scans with an OCR text layer",
    "long": "Long documents (50+ pages)",
    "pdf-2.0": "PDF 2.0 files",
    "incremental-update": "Incremental updates (several %%EOF)",
    "embedded-files": "Embedded files / attachments",
    "encrypted-owner-only": "Encrypted with an empty user password (owner password only): open without a password, permissions restricted",
    "encrypted-user-password": "Encrypted with a user password: cannot be read without it",
    "damaged": "Damaged: broken xref, wrong offsets, missing trailer, truncated",
    "junk-before-header": "Bytes before %PDF- (MacBinary header, UTF-8 BOM, a text line)",
    "junk-after-eof": "Bytes after the last %%EOF",
    "unsupported-filter": "Unsupported or unknown stream filters (Brotli, unknown names, JPX)",
    "linearized": "Linearized (fast web view) files",
    "object-streams": "Object streams and cross-reference streams",
    "hostile-real": "Real test files that attack parsers (bombs, recursion, cycles) from the readers' own test suites",
    "adversarial": "Generated hostile files (generate_adversarial.py)",
    "generated-valid": "Generated valid-but-unusual files (generate_adversarial.py)",
}

OUTCOMES = {
    "INGESTED": "Readable PDF: should reach ARCHIVED or MANUAL_REVIEW with extracted text (or OCR text for image-only pages); artifact_class is the class we believe it is.",
    "ENCRYPTED": "Needs a user password; the fleet cannot read it and should say so.",
    "PARSER_CRASH": "Hostile file that crashes or overflows a parser; the worker must survive and report it.",
    "RESOURCE_LIMIT": "Hostile file whose processing exceeds a time, memory, page or pixel budget; must be stopped by a limit.",
    "UNSUPPORTED_FEATURE": "Uses a feature the fleet does not support (e.g. an unknown filter) so no text can be had.",
    "MALFORMED": "Truly unreadable: no recoverable PDF structure (or a non-PDF).",
}

REAL = [
    # --- born-digital
    dict(file='born-digital-legal-irish-supreme-court-judgment.pdf', category='born-digital', tags=['legal'], blob='e7017b7d3e95f24892dfaea4e5128cd26075b1cd',
         repo='mozilla/pdf.js', path='test/pdfs/issue11913.pdf',
         description='Irish Supreme Court judgment [2001] IESC 63 (Sinnott v. Minister for Education), Word-generated text',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='born-digital-invoice.pdf', category='born-digital', tags=['invoice'], blob='b2e1c14dd0853207dcc4376dc00745e53287de98',
         repo='mozilla/pdf.js', path='test/pdfs/bigboundingbox.pdf',
         description='Sample invoice INV-0046 (Orange Demo Inc.) made with iTextSharp; fonts with an oversized bounding box',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='born-digital-research-paper-icml03.pdf', category='born-digital', tags=['research-paper', 'linearized'], blob='485d011b0acb7be3d19067ba8972fdd19436e749',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/ICML03-081.pdf',
         description='Research paper "Tackling the Poor Assumptions of Naive Bayes Text Classifiers" (ICML 2003), 8 pages, linearized',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='born-digital-federal-grant-application-sf424.pdf', category='born-digital', tags=['government-form', 'flattened'], blob='654c654df20197e819b0c9bd10e0969ffedb4fb2',
         repo='py-pdf/pypdf', path='resources/SF424_page2.pdf',
         description='US federal grant application SF-424 page 2, flattened (no live AcroForm fields)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='Looks like a form but has no /AcroForm: text only.'),
    dict(file='born-digital-hud-family-report-50058.pdf', category='born-digital', tags=['government-form'], blob='fb8b8c33b1936f66ed22a570ef8dc5ea3eb599b4',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/50058.pdf',
         description='HUD-50058 Family Report (US Department of Housing and Urban Development), blank printed form',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes=''),
    dict(file='born-digital-libreoffice-writer.pdf', category='born-digital', tags=['office'], blob='9ce89af857531d294c7bbe41e91d05a8fd6846d8',
         repo='py-pdf/sample-files', path='002-trivial-libre-office-writer/002-trivial-libre-office-writer.pdf',
         description='One-page LibreOffice Writer document (lorem ipsum)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    # --- cjk
    dict(file='cjk-japanese-vertical-poem.pdf', category='cjk', tags=['japanese', 'vertical-text'], blob='53b1b1e70b1cec3e5917c6c2c45e0a5de616e466',
         repo='pdfminer/pdfminer.six', path='samples/jo.pdf',
         description='Japanese vertical-writing text (preface of Miyazawa Kenji\'s "Haru to Shura")',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='cjk-japanese-economics-notes.pdf', category='cjk', tags=['japanese'], blob='827aafe35df18d3736d8eed7aed4ab468057940e',
         repo='mozilla/pdf.js', path='test/pdfs/issue16538.pdf',
         description='Japanese lecture notes on market models (horizontal text, CID fonts)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='cjk-korean-novel-excerpt.pdf', category='cjk', tags=['korean'], blob='d611a7383fd313891ad2b6bc67a77eef5a3c9046',
         repo='mozilla/pdf.js', path='test/pdfs/bug1627427_reduced.pdf',
         description='Korean prose excerpt (Hangul), embedded CID font',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='cjk-chinese-annual-report-95-pages.pdf', category='cjk', tags=['chinese', 'long', 'junk-after-eof'], blob='3b85cb88bf37c13124a660e73b14d1aeba25eec7',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/Type0_CJK_Font.pdf',
         description='Chinese listed-company half-year report 2010, 95 pages, Type0 CJK fonts; 527 bytes of stray xref text after the last %%EOF',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    # --- rtl
    dict(file='rtl-arabic-habibi.pdf', category='rtl', tags=['arabic'], blob='fd1884c8c7fd2e41f371127e618cc1ea2f511fe4',
         repo='py-pdf/sample-files', path='015-arabic/habibi.pdf',
         description='Arabic word with diacritics next to Latin text (LibreOffice)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='rtl-arabic-cid-truetype.pdf', category='rtl', tags=['arabic'], blob='0821ccdbd7616c4fcbcf6e476ab8a1595c2b15cb',
         repo='mozilla/pdf.js', path='test/pdfs/ArabicCIDTrueType.pdf',
         description='Arabic text in a CID TrueType font (presentation forms)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Extracted text uses Arabic presentation-form code points (U+FExx); normalise (NFKC) before matching.'),
    dict(file='rtl-hebrew-hello-world.pdf', category='rtl', tags=['hebrew'], blob='8a3d8d303ca5cca1c1fcf903ea6ba499f2bf4fab',
         repo='mozilla/pdf.js', path='test/pdfs/issue11656.pdf',
         description='Hebrew sentences (right-to-left) with punctuation',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='rtl-hebrew-land-authority-approval.pdf', category='rtl', tags=['hebrew', 'approval-letter'], blob='b035df2a8060601493781ff98ab4fe1ea0708ece',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/testPdf-1.pdf',
         description='Israel Land Authority approval form for a lease contract, Hebrew, 2 pages',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='An approval document in Hebrew; not an IRB approval.'),
    # --- acroform
    dict(file='acroform-filled-certificate-of-insurance.pdf', category='acroform', tags=['certificate', 'filled', 'read-only-fields'], blob='d6e8d8923ac1904c09603d4737b00a107dfd52df',
         repo='mozilla/pdf.js', path='test/pdfs/issue18036.pdf',
         description='Certificate / verification of insurance whose whole body is read-only AcroForm text fields (cert_content_*)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Body text exists only as form-field widget appearances: poppler shows it, PdfPig 0.1.16 page text has only the header. A classifier must not mistake it for a GCP certificate.'),
    dict(file='acroform-unfilled-pdflatex.pdf', category='acroform', tags=['unfilled'], blob='a2d0dcab927fbeb6a040dc3f10604ed454302d48',
         repo='py-pdf/sample-files', path='010-pdflatex-forms/pdflatex-forms.pdf',
         description='pdfLaTeX hyperref form: text field, check box, submit button, unfilled',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes=''),
    dict(file='acroform-unfilled-from-odt.pdf', category='acroform', tags=['unfilled'], blob='a463c88facfe6630143d077f83c5c0d870dd98c5',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/form-empty-from-odt.pdf',
         description='LibreOffice form (text fields, radio buttons, check boxes, list/combo boxes), 3 pages, not filled in',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes=''),
    dict(file='acroform-irs-1040-2010.pdf', category='acroform', tags=['government-form', 'incremental-update'], blob='5529a31f890ab2165cc41a8a40b5faf59416f286',
         repo='mozilla/pdf.js', path='test/pdfs/prefilled_f1040.pdf',
         description='IRS Form 1040 (2010), 242 fields, almost empty (one check box and one text field set), 7 revisions',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='Form with many empty fields; field values must be read from /V, not from page text.'),
    dict(file='acroform-filled-sample-form.pdf', category='acroform', tags=['filled'], blob='5548d1e04bd6e58f89d5de3c7e8088c17e7a49ea',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/sample-form.pdf',
         description='Registration-style form with given/family name, address, list box, check boxes, filled in',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='Field values (ABC, DEF, Man, Blue) are shown by poppler via widget appearance streams; PdfPig page text lacks them: read /V through the AcroForm.'),
    dict(file='acroform-filled-job-application.pdf', category='acroform', tags=['filled', 'cv-like'], blob='6ed4e3f041381bc596279965619ad50f52ff95e3',
         repo='mozilla/pdf.js', path='test/pdfs/issue17492.pdf',
         description='ngx-extended-pdf-viewer form example filled in (name, country, job, years of experience, education level): CV-like',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='Closest real example to a CV-style questionnaire.'),
    dict(file='acroform-filled-by-acrobat.pdf', category='acroform', tags=['filled'], blob='e6fc28e5ec844ea6fcf99ae46a951eb9fc19cfcb',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/form-filled-by-acrobat.pdf',
         description='The same LibreOffice form as acroform-unfilled-from-odt.pdf, filled in with Acrobat',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes=''),
    # --- xfa
    dict(file='xfa-dynamic-please-wait.pdf', category='xfa', tags=['dynamic-xfa', 'linearized'], blob='3dde6e3d27096e07614848c02661c67d01cba305',
         repo='mozilla/pdf.js', path='test/pdfs/xfa_issue14315.pdf',
         description='Dynamic XFA form: the PDF page only says "requires Adobe Reader 8"; the content is in the XFA XML',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='form',
         notes='Page text is only the XFA placeholder: expect MANUAL_REVIEW (or UNSUPPORTED_FEATURE if the fleet detects XFA-only forms); must not be archived as a real document.'),
    dict(file='xfa-dynamic-issue14130.pdf', category='xfa', tags=['dynamic-xfa', 'linearized'], blob='ddfaa5406ea9bc92cb411ec0875ec49b1ccd42e8',
         repo='mozilla/pdf.js', path='test/pdfs/issue14130.pdf',
         description='Second dynamic XFA form with only the "requires Adobe Reader" placeholder page',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='form',
         notes='As xfa-dynamic-please-wait.pdf.'),
    dict(file='xfa-dynamic-filled-canadian-imm1344.pdf', category='xfa', tags=['dynamic-xfa', 'filled', 'large'], blob='606a4d926db773f2ef5910a83464e59da8aef0ed',
         repo='mozilla/pdf.js', path='test/pdfs/xfa_filled_imm1344e.pdf',
         description='Government of Canada IMM 1344 sponsorship application, dynamic XFA (LiveCycle Designer), filled; page shows "Please wait..."',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='form',
         notes='Typical of government agency forms (the FDA publishes LiveCycle forms too); real data only in XFA datasets.'),
    dict(file='xfa-static-rfq-28-pages.pdf', category='xfa', tags=['static-xfa', 'long-ish'], blob='63798378c63ea52c1331083fcce7ad38b2ae4479',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/SPE8EF26T0545.pdf',
         description='US DLA request for quotations SPE8EF-26-T-0545, XFA with full AcroForm/page content, 28 pages',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='Static XFA: the PDF pages carry the real text.'),
    # --- scan-no-text
    dict(file='scan-no-text-form-jpeg.pdf', category='scan-no-text', tags=['jpeg'], blob='784f555936f11e05e2a5689b76983c7572c5ac02',
         repo='mozilla/pdf.js', path='test/pdfs/issue7229.pdf',
         description='Two scanned pages (200 dpi JPEG) of a Russian printed form, no text layer',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='No text layer: needs OCR (Russian).'),
    dict(file='scan-no-text-jpx.pdf', category='scan-no-text', tags=['jpx', 'linearized'], blob='2a90afc6a93be9d2dba7a7e3cd0f96a91b42bb1a',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/GHOSTSCRIPT-688999-2.pdf',
         description='Two pages scanned to JPEG 2000 (Acrobat 6 Image Conversion), no text layer; poppler reports malformed JPX',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='other',
         notes='Needs JPX decode then OCR; a reader without JPX support must report it, not crash.'),
    dict(file='scan-no-text-xerox-jbig2.pdf', category='scan-no-text', tags=['jbig2'], blob='b110fb44180da31490d917d21d0c867107969a6b',
         repo='pdfminer/pdfminer.six', path='samples/contrib/pdf-with-jbig2.pdf',
         description='Xerox WorkCentre 5030 scan, one JBIG2 image, no text layer (a drawing)',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='other',
         notes='Needs JBIG2 decode then OCR.'),
    # --- scan-ocr
    dict(file='scan-ocr-siege-of-vicksburg.pdf', category='scan-ocr', tags=['jpx', 'jbig2', 'linearized'], blob='234f39b75b8a2dc7f5ad91a8c4a9f758f777e9ae',
         repo='py-pdf/pypdf', path='resources/Seige_of_Vicksburg_Sample_OCR.pdf',
         description='Six scanned book pages (LuraDocument: JPX + JBIG2 mask) with an invisible OCR text layer',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='scan-ocr-epson-ccitt.pdf', category='scan-ocr', tags=['ccitt', 'rotated-pages'], blob='4890882cf2c5e95e6ccc3ce900fba85c22f0a1b4',
         repo='py-pdf/pypdf', path='resources/indirect-rotation.pdf',
         description='EPSON Scan: 5 pages of a US maritime agreement (CCITT G4 300 dpi) with OCR text and indirect /Rotate',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='OCR text is noisy (stamps read as letters).'),
    dict(file='scan-ocr-acrobat-paper-capture.pdf', category='scan-ocr', tags=['jbig2', 'linearized'], blob='b4c45ba3576a4026236832f4e02e7c01e90a5f1e',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/SmallCropbox.pdf',
         description='Book page scanned to JBIG2, OCR by Acrobat Paper Capture, small CropBox',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='scan-ocr-ricoh.pdf', category='scan-ocr', tags=['ccitt'], blob='52eed4fb3bfe1ba4b6ee194534318d8c4376dee1',
         repo='mozilla/pdf.js', path='test/pdfs/issue5747.pdf',
         description='Ricoh MP C3003 scan (CCITT) with OCR layer by 3-Heights (lorem ipsum page)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    # --- long
    dict(file='long-nice-stroke-guideline-123-pages.pdf', category='long', tags=['clinical', 'linearized'], blob='69b23864ef25cdc2645b818a643a71498ca74188',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/MOZILLA-2775-1.pdf',
         description='NICE / Royal College of Physicians national clinical guideline on acute stroke and TIA, 123 pages',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Clinical but not a site regulatory artifact.'),
    dict(file='long-public-domain-texts-55-pages.pdf', category='long', tags=['office'], blob='7e86e4176fdcc0fd8ed93cfe67d0d35ac1429e87',
         repo='mozilla/pdf.js', path='test/pdfs/pdkids.pdf',
         description='"PD Kids" public-domain texts for young people, OpenOffice, 55 pages',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='long-water-hammer-report-147-pages.pdf', category='long', tags=['linearized', 'damaged'], blob='76830e0dcc2b50561f14fb868f347ae8ae7bf28a',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/FailedToParseContentForPage32.pdf',
         description='Technical report "Water Hammer" (plumbing systems), 147 pages, linearized; qpdf finds a broken hex string in object 102',
         outcome='INGESTED', acceptable=['INGESTED', 'PARSER_CRASH'], artifact_class='other',
         notes='PdfPig once failed on page 32 (test name); qpdf --check reports errors.'),
    # --- pdf-2.0
    dict(file='pdf20-latex-two-column.pdf', category='pdf-2.0', tags=['latex', 'tagged'], blob='378d0fc41c516f122c536ed82e041fc413b30dd8',
         repo='mozilla/pdf.js', path='test/pdfs/bug1997343.pdf',
         description='PDF 2.0 two-column LaTeX article (LaTeX tagging project), 2 pages',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='pdf20-latex-math-structure.pdf', category='pdf-2.0', tags=['latex', 'tagged'], blob='0b8189108f9b01648d09178b3eadf9c5a8c33e22',
         repo='mozilla/pdf.js', path='test/pdfs/bug2009627.pdf',
         description='PDF 2.0 tagged LaTeX document with MathML structure',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='pdf20-latex-associated-files-incremental.pdf', category='pdf-2.0', tags=['latex', 'incremental-update', 'embedded-files'], blob='b9e8973582747ade37b504c0c35a56c7ccb494e1',
         repo='mozilla/pdf.js', path='test/pdfs/bug1937438_af_from_latex.pdf',
         description='PDF 2.0 LaTeX math test with /AF associated files, 5 %%EOF (incremental updates)',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    # --- incremental-update
    dict(file='incremental-commented-crazy-ones.pdf', category='incremental-update', tags=['annotations'], blob='4d9fcdd4a8beeb700d1c543fbf20a676e39ad2b6',
         repo='py-pdf/pypdf', path='resources/commented.pdf',
         description='"The Crazy Ones" text with comments added in two incremental updates',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='incremental-fuel-price-list-6-revisions.pdf', category='incremental-update', tags=[], blob='fb1315f26bf2b6fcbef3f6584651f278f7a38d9f',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/B17-2000-transportation-fuels.pdf',
         description='Weekly fuel price list B17-2000 updated in place: 6 %%EOF markers',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='incremental-land-surveyor-drawing.pdf', category='incremental-update', tags=[], blob='cbc5e5de1a25ec06101014fb8ffed5c3f48bd17a',
         repo='mozilla/pdf.js', path='test/pdfs/issue14497.pdf',
         description="Land surveyors' reference sheet with 3 revisions",
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='incremental-acroform-basic-fields.pdf', category='incremental-update', tags=['acroform', 'filled'], blob='f45af5f7612d135227fe76703e8ef868eb621009',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/AcroFormsBasicFields.pdf',
         description='PDFBox AcroForm test: every field type with default values, 5 revisions',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes=''),
    # --- embedded-files
    dict(file='embedded-file-sample-files.pdf', category='embedded-files', tags=[], blob='c54c152a49d11f0486f7f698ef49244d1ec5bc8d',
         repo='py-pdf/sample-files', path='025-attachment/with-attachment.pdf',
         description='Lorem ipsum page with one embedded file in the /EmbeddedFiles name tree',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='The attachment must not be ingested as a separate document silently.'),
    dict(file='embedded-file-foo-txt.pdf', category='embedded-files', tags=['incremental-update'], blob='6aaeab1cae4a7a3a3fa9d180798b836a65d4ca9d',
         repo='mozilla/pdf.js', path='test/pdfs/attachment.pdf',
         description='Page saying it contains foo.txt (9 bytes) as an attachment',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='embedded-file-annotation.pdf', category='embedded-files', tags=['annotations'], blob='ab09055c1abdda4f4a7bef7f7ce16e87d1794455',
         repo='qpdf/qpdf', path='examples/qtest/attach-file/output.pdf',
         description='Two pages; a FileAttachment annotation holds an embedded file',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    # --- encrypted-owner-only
    dict(file='encrypted-owner-only-rc4-40.pdf', category='encrypted-owner-only', tags=['rc4-40'], blob='121c61ed7a5c2922738afa8101e832e47f72f642',
         repo='py-pdf/pypdf', path='resources/encryption/r2-owner-password.pdf',
         description='RC4 40-bit (R2), empty user password, owner password asdfzxcv',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Owner-password only: opens without a password; ingest with a "permission restrictions" note.'),
    dict(file='encrypted-empty-passwords-rc4-128.pdf', category='encrypted-owner-only', tags=['rc4-128'], blob='62045a5205d1056fcb8d0129f0461a9f7e22dbbb',
         repo='py-pdf/pypdf', path='resources/encryption/r3-empty-password.pdf',
         description='RC4 128-bit (R3), user and owner password both empty',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Encrypted but no password at all: ingest with a "permission restrictions" note.'),
    dict(file='encrypted-owner-only-rc4-invoice-polish.pdf', category='encrypted-owner-only', tags=['rc4-128', 'invoice'], blob='eb0980ab556a69387288ebbb81bcc7483f880844',
         repo='pdfminer/pdfminer.six', path='samples/contrib/issue-625-identity-cmap.pdf',
         description='Polish invoice (Faktura FV 1/2021), RC4 128-bit, modify/annotate not allowed, Identity CMap font',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Owner-password only; permissions restricted (change:no addNotes:no).'),
    dict(file='encrypted-owner-only-aes128-rebate-form.pdf', category='encrypted-owner-only', tags=['aes-128'], blob='4ce8d3ff1eda71598ecf3ad921d68ac62d0b25b2',
         repo='mozilla/pdf.js', path='test/pdfs/issue9972-1.pdf',
         description='Rebate claim form, AES-128 (R4), change not allowed',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='Owner-password only; permissions restricted (change:no).'),
    dict(file='encrypted-owner-only-aes256.pdf', category='encrypted-owner-only', tags=['aes-256'], blob='3b36c563a81464e0e96965f1a160313e2fe717cf',
         repo='py-pdf/pypdf', path='resources/encryption/r6-owner-password.pdf',
         description='AES-256 (R6), empty user password, owner password asdfzxcv',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Owner-password only.'),
    dict(file='encrypted-r6-named-user-password-but-empty-owner.pdf', category='encrypted-owner-only', tags=['aes-256', 'trap'], blob='432a5038799c87450818b1e3099d9aadba5ce546',
         repo='py-pdf/pypdf', path='resources/encryption/r6-user-password.pdf',
         description='AES-256 (R6) made with user password asdfzxcv and an EMPTY owner password, so the empty password opens it as owner',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Trap: the file name in pypdf says user-password, but qpdf, poppler and PdfPig open it without a password (empty owner password). Ingest with a permission note.'),
    # --- encrypted-user-password
    dict(file='encrypted-user-password-rc4-40.pdf', category='encrypted-user-password', tags=['rc4-40'], blob='709547468ebef27478491a3f1a22741ce2dcb548',
         repo='py-pdf/pypdf', path='resources/encryption/r2-user-password.pdf',
         description='RC4 40-bit (R2), user password asdfzxcv',
         outcome='ENCRYPTED', acceptable=['ENCRYPTED'], artifact_class='other',
         notes='', password='asdfzxcv'),
    dict(file='encrypted-user-password-aes128.pdf', category='encrypted-user-password', tags=['aes-128'], blob='f4eb0c34bb9ea76ab19621a27f378d5fb928a9a6',
         repo='py-pdf/pypdf', path='resources/encryption/r4-aes-user-password.pdf',
         description='AES-128 (R4), user password asdfzxcv',
         outcome='ENCRYPTED', acceptable=['ENCRYPTED'], artifact_class='other',
         notes='', password='asdfzxcv'),
    dict(file='encrypted-user-password-aes256-both.pdf', category='encrypted-user-password', tags=['aes-256'], blob='8bd720622922ea62941c34f4cfae03547e803358',
         repo='py-pdf/pypdf', path='resources/encryption/r6-both-passwords.pdf',
         description='AES-256 (R6), user password foo, owner password bar',
         outcome='ENCRYPTED', acceptable=['ENCRYPTED'], artifact_class='other',
         notes='', password='foo'),
    dict(file='encrypted-user-password-libreoffice.pdf', category='encrypted-user-password', tags=['aes-128'], blob='de3e0c1609eea268c2d5967d713cae893b51b4eb',
         repo='py-pdf/sample-files', path='005-libreoffice-writer-password/libreoffice-writer-password.pdf',
         description='LibreOffice Writer document protected with an open password',
         outcome='ENCRYPTED', acceptable=['ENCRYPTED'], artifact_class='other',
         notes='', password='openpassword'),
    # --- damaged
    dict(file='damaged-xref-keyword-missing.pdf', category='damaged', tags=['broken-xref'], blob='2795a146cca52620ee72d1d33f0ba44c97ed46a3',
         repo='mozilla/pdf.js', path='test/pdfs/xref_command_missing.pdf',
         description='startxref points at a table whose "xref" keyword is missing',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Recoverable by scanning for objects.'),
    dict(file='damaged-xref-and-stream-length.pdf', category='damaged', tags=['broken-xref', 'bad-stream-length'], blob='9e1706643789eefd9d41a6099a057e6d330878e1',
         repo='mozilla/pdf.js', path='test/pdfs/helloworld-bad.pdf',
         description='"Hello, world!" with no xref at startxref and a wrong stream /Length',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Recoverable.'),
    dict(file='damaged-xref-offset-out-of-file.pdf', category='damaged', tags=['wrong-offsets'], blob='797cf4faa25d236b2fb6915c370c0763904de034',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/dangling-bad-xref.pdf',
         description='xref entry for object 7 points at offset 10000, past the end of the file',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Recoverable.'),
    dict(file='damaged-xref-loop.pdf', category='damaged', tags=['broken-xref', 'cycle'], blob='348096896bd396f4a8502a1095a42d634548c803',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/append-xref-loop.pdf',
         description='Incrementally updated 30-page file whose /Prev chain of xref sections loops',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Recoverable; a naive /Prev walker loops forever.'),
    dict(file='damaged-truncated-in-trailer.pdf', category='damaged', tags=['truncated', 'missing-eof'], blob='f8825753ada0f4f1cc90c6055b13ba9cc9170471',
         repo='mozilla/pdf.js', path='test/pdfs/bug1250079.pdf',
         description='File cut inside the trailer /ID, followed by binary garbage; no %%EOF',
         outcome='INGESTED', acceptable=['INGESTED', 'MALFORMED'], artifact_class='other',
         notes='Recoverable: poppler/qpdf read the page ("Bug 1250079"). A fleet that rejects files without %%EOF reports MALFORMED instead; the lead decides.'),
    dict(file='damaged-truncated-eof-marker.pdf', category='damaged', tags=['truncated', 'missing-eof'], blob='5fd8ee32562e8369ac837d3380615a90a10944cd',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/issue-117.pdf',
         description='File ends with a single "%" instead of %%EOF',
         outcome='INGESTED', acceptable=['INGESTED', 'MALFORMED'], artifact_class='other',
         notes='Ends with "%" instead of %%EOF; its page content stream has a self-referencing /Length, so no reader extracts text: expect MANUAL_REVIEW (or MALFORMED from an %%EOF check).'),
    dict(file='damaged-missing-trailer.pdf', category='damaged', tags=['missing-trailer'], blob='f44c1e660089655c3f9b65d42a5403e437400e83',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/bad7.pdf',
         description='Trailer dictionary missing: qpdf cannot recover ("unable to find trailer dictionary"), poppler fails too',
         outcome='MALFORMED', acceptable=['MALFORMED'], artifact_class=None,
         notes='Unrecoverable by qpdf and poppler.'),
    # --- junk-before-header
    dict(file='junk-before-header-macbinary.pdf', category='junk-before-header', tags=['macbinary', 'junk-after-eof', 'research-paper'], blob='8598b82f298638c0677ff0557ee7fc4da175a77b',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/23056.PMC2132516.pdf',
         description='Journal of Cell Biology paper from PubMed Central wrapped in a 128-byte MacBinary header (type PDF, creator CARO), NUL padding after %%EOF',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Valid for lenient readers; a "starts with %PDF-" check rejects it wrongly.'),
    dict(file='junk-before-header-utf8-bom-aes.pdf', category='junk-before-header', tags=['utf8-bom', 'encrypted-owner-only', 'aes-128', 'linearized'], blob='9ceee177110af44ffa1c3db781adf9ecbb34c38e',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/0012156.pdf',
         description='Spanish course brochure (surgery emergencies), UTF-8 BOM before %PDF-, AES-128 owner-only encryption, linearized',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Owner-password only (copy/change not allowed): ingest with a permission note.'),
    dict(file='junk-before-header-text-line.pdf', category='junk-before-header', tags=['encrypted-owner-only', 'rc4-128', 'linearized'], blob='45536159be7e8c148ee942325e0458d6481b3416',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/leading-junk.pdf',
         description='"leading junk" line before %PDF- in a linearized, RC4-encrypted 30-page file',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Owner-password only.'),
    # --- junk-after-eof
    dict(file='junk-after-eof-nul-padding-20k.pdf', category='junk-after-eof', tags=['padding'], blob='bab4b173cc77cb507145cb02f65e66480ac00284',
         repo='py-pdf/pypdf', path='resources/selenium-pypdf-issue-177.pdf',
         description='cairo PDF printed by Selenium followed by 20 KiB of NUL bytes after %%EOF',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='A "%%EOF in the last 1 KiB" truncation check rejects this valid file.'),
    dict(file='junk-after-eof-nul-padding-32k-fax-form.pdf', category='junk-after-eof', tags=['padding', 'linearized'], blob='69ca9cd84dab46306461a9afaf0fdcd74651b1f3',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/PDFBOX-492-4.jar-8.pdf',
         description='German fax reply form (2 pages, linearized) followed by 32 KiB of NUL bytes after %%EOF',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='form',
         notes='As above.'),
    dict(file='junk-after-eof-mangled-canon-scan.pdf', category='junk-after-eof', tags=['damaged', 'scan-ocr', 'text-mode-transfer'], blob='ca09315f907b7bb51cae52acf6d43107fa04f5e1',
         repo='mozilla/pdf.js', path='test/pdfs/scan-bad.pdf',
         description='Canon scan (2550x3300 JPEG) whose bytes were mangled by a text-mode transfer: startxref lost, 11 KiB after %%EOF',
         outcome='INGESTED', acceptable=['INGESTED', 'MALFORMED'], artifact_class='other',
         notes='Poppler recovers a page with text "pdf.js"; the image data itself is corrupted.'),
    # --- unsupported-filter
    dict(file='unsupported-filter-brotli.pdf', category='unsupported-filter', tags=['brotli', 'xref-stream'], blob='a341672dea2f2325749d175a76fa62a704e3fd9b',
         repo='mozilla/pdf.js', path='test/pdfs/Brotli-Prototype-FileA.pdf',
         description='Prototype file using /BrotliDecode (proposed filter) for its streams, including the xref stream',
         outcome='UNSUPPORTED_FEATURE', acceptable=['UNSUPPORTED_FEATURE', 'MALFORMED'], artifact_class=None,
         notes='poppler 22.12 and qpdf 11.3 cannot read it.'),
    dict(file='unsupported-filter-unknown-name.pdf', category='unsupported-filter', tags=['unknown-filter'], blob='8be443809aea6d97a3474a655e58c69836877a92',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/unfilterable.pdf',
         description='Page content stream with filter /PlateDecode (no such filter)',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='other',
         notes='The document opens but the page has no decodable content; expect MANUAL_REVIEW or UNSUPPORTED_FEATURE.'),
    dict(file='unsupported-filter-custom-xor.pdf', category='unsupported-filter', tags=['unknown-filter'], blob='ca99f1fc22c83f07a2f9837f25f20d182357141c',
         repo='qpdf/qpdf', path='examples/qtest/custom-filter/generalized.pdf',
         description='qpdf custom-filter example: a stream uses the private /XORDecode filter, page text "Potato" is readable',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes='Unknown filter on a non-content stream must not fail the document.'),
    dict(file='unsupported-filter-jpx-image.pdf', category='unsupported-filter', tags=['jpx'], blob='464cd3c581a0f78e2905c14ca4084ec1a2b9fb13',
         repo='mozilla/pdf.js', path='test/pdfs/issue12213.pdf',
         description='One-page image document (Acrobat Image Conversion) with a JPXDecode (JPEG 2000) image, no text',
         outcome='INGESTED', acceptable=['INGESTED', 'UNSUPPORTED_FEATURE'], artifact_class='other',
         notes='Image-only: needs JPX decode for OCR.'),
    # --- linearized
    dict(file='linearized-award-of-bids.pdf', category='linearized', tags=['government'], blob='64cf98bda2ba67c3ba50dc04dbfb68d4652244d4',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/Documents/Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf',
         description='Publication of award of contracts (transport sector, August 2016), Acrobat Distiller, 5 pages, linearized',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='linearized-example-document.pdf', category='linearized', tags=[], blob='57f199aebb10ace6182d56560bcf09c4b84bf4c2',
         repo='py-pdf/pypdf', path='resources/example.pdf',
         description='pypdf example document (Zen of Python), linearized',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    # --- object-streams
    dict(file='objstm-hybrid-xref.pdf', category='object-streams', tags=['hybrid-xref'], blob='4baa40dfaee0820ef3859fa890c5c581cb0ab67c',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/hybrid-xref.pdf',
         description='Hybrid-reference file: classic xref table plus /XRefStm cross-reference stream, 30 pages',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='objstm-compressed-objects.pdf', category='object-streams', tags=['xref-stream'], blob='a121ef24ac2463bf1fa7e9c0f25eb259a1478435',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/compress-objstm-xref.pdf',
         description='Objects in an object stream, cross-reference stream',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='objstm-xref-stream-odd-widths.pdf', category='object-streams', tags=['xref-stream'], blob='eb8e3fd0b75ac2c3ceb9cf216edaeb29543ebc78',
         repo='pdfminer/pdfminer.six', path='samples/contrib/issue-886-xref-stream-widths.pdf',
         description='Cross-reference stream with unusual /W field widths',
         outcome='INGESTED', acceptable=['INGESTED'], artifact_class='other',
         notes=''),
    dict(file='objstm-xref-stream-inside-object-stream.pdf', category='object-streams', tags=['xref-stream', 'hostile'], blob='1a0e5bac01b2e405c98134ce72ef77721582aad9',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/xref-compressed-in-compressed.pdf',
         description='Cross-reference stream itself listed as compressed inside an object stream (invalid), 30 pages',
         outcome='INGESTED', acceptable=['INGESTED', 'MALFORMED'], artifact_class='other',
         notes='qpdf 11.3.0 --check crashes with SIGSEGV on this file; poppler reads 30 pages.'),
    # --- hostile-real
    dict(file='hostile-real-jbig2-content-bomb.pdf', category='hostile-real', tags=['decompression-bomb', 'jbig2'], blob='bbc7a43af92adf0a77e698948014e3871e9e595d',
         repo='mozilla/pdf.js', path='test/pdfs/bomb_giant.pdf',
         description='Page content streams encoded with /JBIG2Decode declaring a giant bitmap (pdf.js regression file)',
         outcome='RESOURCE_LIMIT', acceptable=['RESOURCE_LIMIT', 'UNSUPPORTED_FEATURE', 'MALFORMED'], artifact_class=None,
         notes='pdfimages ran >5 min and >1 GB RSS on it before being killed; text extraction must bound work.'),
    dict(file='hostile-real-cmap-deep-array.pdf', category='hostile-real', tags=['deep-nesting', 'stack-overflow'], blob='01cc85e0c6d696a2e0f2fcf1ffa1a0c36d9060c6',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/repro_cmap_deep_array_so.pdf',
         description='CMap with very deeply nested arrays (PdfPig issue #1394 repro: StackOverflow in CMapParser)',
         outcome='INGESTED', acceptable=['INGESTED', 'PARSER_CRASH'], artifact_class='other',
         notes='Page text "A" is recoverable; a recursive CMap parser overflows its stack.'),
    dict(file='hostile-real-stackoverflow-1122.pdf', category='hostile-real', tags=['stack-overflow', 'unknown-filter'], blob='154aa9b56c0510db3486d7c062b5373fc50b86e4',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/StackOverflow_Issue_1122.pdf',
         description='PdfPig issue #1122 stack-overflow repro (fuzzed, /GlateDecode, broken xref)',
         outcome='MALFORMED', acceptable=['MALFORMED', 'PARSER_CRASH'], artifact_class=None,
         notes='poppler cannot open it.'),
    dict(file='hostile-real-stackoverflow-no-header.pdf', category='hostile-real', tags=['stack-overflow'], blob='f20a87ab32bd0dad7f1ce6cc3b676030c5bfa42c',
         repo='UglyToad/PdfPig', path='src/UglyToad.PdfPig.Tests/Integration/SpecificTestDocuments/stackoverflow_error.pdf',
         description='PdfPig stack-overflow repro without a %PDF- header',
         outcome='MALFORMED', acceptable=['MALFORMED', 'PARSER_CRASH'], artifact_class=None,
         notes='poppler cannot open it.'),
    dict(file='hostile-real-pages-loop.pdf', category='hostile-real', tags=['page-tree-cycle'], blob='a41b750265e21d6fcc6f3cf40585674e150e0aa7',
         repo='qpdf/qpdf', path='qpdf/qtest/qpdf/pages-loop.pdf',
         description='Page tree whose /Kids loops back to an ancestor',
         outcome='INGESTED', acceptable=['INGESTED', 'MALFORMED'], artifact_class='other',
         notes='qpdf reports errors; poppler extracts "Potato" from the one real page.'),
    dict(file='hostile-real-operator-list-cycle.pdf', category='hostile-real', tags=['xobject-cycle'], blob='249f49648de93c3433ba6574c0dc628346dc5b5a',
         repo='mozilla/pdf.js', path='test/pdfs/operator_list_cycle.pdf',
         description='Form XObject that draws itself (content cycle)',
         outcome='INGESTED', acceptable=['INGESTED', 'PARSER_CRASH', 'MALFORMED'], artifact_class='other',
         notes='A recursive content interpreter must detect the cycle.'),
]


def run(cmd, timeout=180):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def git_blob_id(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def tool_versions():
    _, out, err = run(["pdftotext", "-v"])
    poppler = (out + err).splitlines()[0].strip() if (out + err) else "unknown"
    _, out, _ = run(["qpdf", "--version"])
    return {"poppler": poppler, "qpdf": out.splitlines()[0].strip() if out else "unknown"}


def measure(path, password=None):
    data = open(path, "rb").read()
    facts = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    header = data.find(b"%PDF-", 0, 2048)
    facts["bytes_before_header"] = header if header >= 0 else None
    last_eof = data.rfind(b"%%EOF")
    facts["eof_markers"] = data.count(b"%%EOF")
    facts["bytes_after_last_eof"] = len(data) - last_eof - 5 if last_eof >= 0 else None
    facts["eof_in_last_1k"] = b"%%EOF" in data[-1024:]
    pw = ["-upw", password] if password else []

    rc, out, err = run(["pdfinfo"] + pw + [path])
    info = dict(re.findall(r"^([A-Za-z ]+):\s*(.*)$", out, re.M))
    facts["poppler_opens"] = rc == 0 if not password else run(["pdfinfo", path])[0] == 0  # without a password
    facts["pages"] = int(info["Pages"]) if rc == 0 and "Pages" in info else None
    facts["pdf_version"] = info.get("PDF version")
    facts["producer"] = info.get("Producer") or None
    facts["linearized"] = info.get("Optimized") == "yes" if rc == 0 else None
    facts["form"] = info.get("Form") if rc == 0 else None
    if rc != 0:
        facts["poppler_error"] = (err.strip().splitlines() or ["exit %s" % rc])[-1][:200]

    rc, out, err = run(["qpdf", "--show-encryption", path])
    text = out + err
    if "File is not encrypted" in text:
        facts["encrypted"] = False
    elif "invalid password" in text or "Incorrect password" in text:
        facts["encrypted"] = True
        facts["needs_password"] = True
    elif "R = " in text:
        facts["encrypted"] = True
        facts["needs_password"] = False
        facts["encryption"] = " ".join(line.strip() for line in text.splitlines() if line.startswith(("R =", "P =")))
        facts["permissions"] = re.sub(r"^yes\s*", "", info.get("Encrypted", "")) or None
    else:
        facts["encrypted"] = None
    if password:
        facts["password"] = password

    rc, out, err = run(["qpdf", "--check"] + (["--password=" + password] if password else []) + [path], timeout=120)
    facts["qpdf_check_exit"] = rc
    facts["qpdf_check"] = {0: "ok", 2: "errors", 3: "warnings"}.get(rc, "crashed (signal %d)" % -rc if isinstance(rc, int) and rc < 0 else str(rc))
    facts["qpdf_damaged"] = ("file is damaged" in out + err) or rc == 2 or (isinstance(rc, int) and rc < 0)
    problems = [line.strip() for line in (out + err).splitlines() if line.startswith(("WARNING", "ERROR", "qpdf:"))]
    if problems:
        facts["qpdf_first_problem"] = problems[0].replace(path, os.path.basename(path))[:200]

    rc, out, err = run(["pdftotext", "-enc", "UTF-8", "-l", "5"] + pw + [path, "-"])
    facts["pdftotext_exit"] = rc if not (isinstance(rc, int) and rc < 0) else "crashed (signal %d)" % -rc
    words = " ".join(out.split())
    facts["text_layer"] = any(ch.isalnum() for ch in words) if rc == 0 else None
    facts["text_chars_first_5_pages"] = len(words) if rc == 0 else None
    facts["text_first_200"] = words[:200] if rc == 0 else None
    return facts


def main():
    probe_path = os.path.join(HERE, "pdfpig-0.1.16-probe.json")
    probe = json.load(open(probe_path, encoding="utf-8")) if os.path.exists(probe_path) else {}
    entries = []
    names = set()
    for r in REAL:
        rel = "real/" + r["file"]
        path = os.path.join(HERE, rel)
        data = open(path, "rb").read()
        if git_blob_id(data) != r["blob"]:
            sys.exit("%s is not the blob %s of %s:%s" % (rel, r["blob"], r["repo"], r["path"]))
        repo = REPOS[r["repo"]]
        source = {"repository": r["repo"], "url": "https://github.com/%s/blob/%s/%s" % (r["repo"], repo["commit"], r["path"]),
                  "path": r["path"], "commit": repo["commit"], "git_blob": git_blob_id(data), "licence": repo["licence"]}
        entries.append(dict(file=rel, category=r["category"], tags=r["tags"], description=r["description"], source=source,
                            expected=dict(outcome=r["outcome"], acceptable=r["acceptable"], artifact_class=r["artifact_class"],
                                          notes=r["notes"]), password=r.get("password")))
        names.add(r["file"])
    for name, category, _make, attacks, outcome, acceptable, cls, notes in generate_adversarial.FILES:
        entries.append(dict(file="adversarial/" + name, category=category, tags=[], description=attacks,
                            source={"generator": "generate_adversarial.py", "function": _make.__name__, "licence": "same as this repository"},
                            expected=dict(outcome=outcome, acceptable=acceptable, artifact_class=cls, notes=notes),
                            password={"encrypted-user-password-rc4-128.pdf": "corpus-user"}.get(name)))
    on_disk = set(os.listdir(os.path.join(HERE, "real")))
    if on_disk != names:
        sys.exit("real/ and REAL differ: %s" % sorted(on_disk ^ names))

    for e in entries:
        print(e["file"], file=sys.stderr)
        e["facts"] = measure(os.path.join(HERE, e["file"]), e["password"])
        e["sha256"], e["size"] = e["facts"].pop("sha256"), e["facts"].pop("size")
        e["pdfpig_0_1_16"] = probe.get(e["file"])
        enc = e["facts"].get("encrypted")
        e["expected"]["permission_restrictions_note"] = bool(enc and not e["facts"].get("needs_password"))
        if e["password"]:
            e["expected"]["password"] = e["password"]
        del e["password"]

    versions = tool_versions()
    counts = {}
    for e in entries:
        counts[e["category"]] = counts.get(e["category"], 0) + 1
    corpus = {
        "description": "PDF corpus for the Ingestion fleet: real-world files from public PDF test suites and generated hostile files. "
                       "See SOURCES.md.",
        "built_by": "build_manifest.py",
        "tools": dict(versions, pdfpig="PdfPig 0.1.16 probe (see SOURCES.md)"),
        "repositories": REPOS,
        "categories": CATEGORIES,
        "counts": counts,
        "total_bytes": sum(e["size"] for e in entries),
        "files": entries,
    }
    with open(os.path.join(HERE, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(corpus, f, indent=1, ensure_ascii=False)
        f.write("\n")

    fact_keys = ["pages", "text_layer", "qpdf_damaged", "qpdf_check", "encrypted", "needs_password", "permissions", "poppler_opens",
                 "bytes_before_header", "bytes_after_last_eof", "eof_in_last_1k", "text_first_200"]
    expected = {
        "description": "Expected outcome of every corpus file for a correct ingestion fleet (provisional vocabulary), with facts measured by "
                       "poppler (pdfinfo/pdftotext, first 5 pages) and qpdf. 'acceptable' lists the outcomes a test may accept.",
        "vocabulary": OUTCOMES,
        "tools": versions,
        "files": {e["file"]: dict(e["expected"], category=e["category"],
                                  facts={k: e["facts"].get(k) for k in fact_keys if k in e["facts"]}) for e in entries},
    }
    corrections.correct(expected)
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")

    with open(os.path.join(HERE, "SOURCES.md"), "w", encoding="utf-8") as f:
        f.write(sources_md(corpus, versions))


def cell(text):
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def pig_summary(p):
    if not p:
        return "not run"
    if p.get("rc") == "timeout":
        return "timeout (%ss)" % p.get("seconds")
    if p.get("rc") not in (0, None):
        return "process died: %s (exit %s)" % (p.get("stderr", ""), p.get("rc"))
    if not p.get("ok"):
        return "exception: " + p.get("error", "")[:110]
    return "%s pages, %s letters%s" % (p.get("pages"), p.get("letters"), ", IsEncrypted" if p.get("encrypted") else "")


def sources_md(corpus, versions):
    files = corpus["files"]
    real = [e for e in files if e["file"].startswith("real/")]
    gen = [e for e in files if e["file"].startswith("adversarial/")]
    out = []
    w = out.append
    w("# PDF corpus: sources, provenance and expected outcomes\n")
    w("Generated by `build_manifest.py` (do not edit by hand; edit the tables in `build_manifest.py` or "
      "`generate_adversarial.py` and rebuild). Machine-readable: `corpus.json` (everything) and `expected.json` "
      "(outcomes and the facts tests need).\n")
    w("- `real/`: %d files taken unchanged from public PDF test suites (each file's Git blob id is recorded and "
      "checked, so it is byte for byte the file at that path and commit)." % len(real))
    w("- `adversarial/`: %d files written by `generate_adversarial.py` (python3, standard library, deterministic; "
      "`python3 generate_adversarial.py --check` rewrites them and compares with the SHA-256s below)." % len(gen))
    w("- Total: %d files, %.1f MB.\n" % (len(files), corpus["total_bytes"] / 1e6))
    w("## Counts per category\n")
    w("| category | files | what |\n|---|---|---|")
    for cat, what in CATEGORIES.items():
        w("| %s | %d | %s |" % (cat, corpus["counts"].get(cat, 0), cell(what)))
    w("")
    w("## Licences of the source repositories\n")
    w("Files are redistributed under the licence of the repository they come from (the repository's own "
      "licence file; several test suites collected their PDFs from public bug reports). Licence texts: `licenses/`.\n")
    w("| repository | commit | licence | note |\n|---|---|---|---|")
    for repo, r in REPOS.items():
        w("| [%s](https://github.com/%s) | `%s` | %s | %s |" % (repo, repo, r["commit"], r["licence"], cell(r["note"])))
    w("")
    w("## Real-world files\n")
    w("| file | category | source repository | path | commit | licence | SHA-256 | size | description |\n|---|---|---|---|---|---|---|---|---|")
    for e in real:
        s = e["source"]
        w("| `%s` | %s | %s | `%s` | `%s` | %s | `%s` | %d | %s |" % (e["file"][5:], e["category"], s["repository"], s["path"],
                                                               s["commit"][:12], s["licence"], e["sha256"], e["size"], cell(e["description"])))
    w("")
    w("## Generated files (`adversarial/`)\n")
    w("| file | category | generator function | SHA-256 | size | what it attacks |\n|---|---|---|---|---|---|")
    for e in gen:
        w("| `%s` | %s | `%s` | `%s` | %d | %s |" % (e["file"][12:], e["category"], e["source"]["function"], e["sha256"], e["size"], cell(e["description"])))
    w("")
    w("## Expected outcomes and measured facts\n")
    w("Provisional outcome vocabulary (the lead adjusts it):\n")
    for k, v in OUTCOMES.items():
        w("- `%s`: %s" % (k, v))
    w("\n`acceptable` lists the outcomes a test may accept; the first column is the preferred one. Files encrypted "
      "with an empty user password (column *perm. note*) must be ingested with a \"permission restrictions\" note, "
      "not rejected as `ENCRYPTED`.\n")
    w("Facts: pages, text layer and first text from poppler (%s; `pdfinfo`, `pdftotext -l 5`), damage from `qpdf --check` "
      "(%s): *ok* exit 0, *warnings* exit 3 (recovered), *errors* exit 2; encryption from `qpdf --show-encryption`. "
      "PdfPig 0.1.16: see the next section.\n" % (versions["poppler"], versions["qpdf"]))
    w("| file | outcome | acceptable | class | perm. note | pages | text layer | qpdf --check | encrypted | PdfPig 0.1.16 | first text (poppler) | notes |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for e in files:
        x, f = e["expected"], e["facts"]
        enc = "no" if f.get("encrypted") is False else ("needs password" if f.get("needs_password") else ("owner-only" if f.get("encrypted") else "?"))
        text_layer = {True: "yes", False: "no", None: "n/a"}[f.get("text_layer")]
        w("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            e["file"], x["outcome"], ", ".join(x["acceptable"]), x["artifact_class"] or "", "yes" if x["permission_restrictions_note"] else "",
            f.get("pages") if f.get("pages") is not None else "n/a", text_layer, f.get("qpdf_check"), enc,
            cell(pig_summary(e.get("pdfpig_0_1_16"))), cell((f.get("text_first_200") or "")[:80]),
            cell(x["notes"] + ((" Password: `%s`." % x["password"]) if x.get("password") else ""))))
    w("")
    w(FINDINGS)
    w(PDFPIG_SECTION)
    return "\n".join(out) + "\n"


FINDINGS = """## Notable findings

What the tools did with the corpus (details per file in the table above and in `corpus.json`):

- **PdfPig 0.1.16 kills the process** on `adversarial/type4-function-nested-100k.pdf`: "Stack overflow." and
  SIGABRT (exit -6) while `GetPage` evaluates the Separation tint transform; no `catch` helps. poppler 22.12
  `pdftotext` segfaults on the same file (qpdf, which does not evaluate functions, is fine). This is the only file
  that killed PdfPig; every other failure was a catchable exception.
- **PdfPig page text misses AcroForm field values**: `real/acroform-filled-sample-form.pdf` (values ABC, DEF, Man,
  Blue) and `real/acroform-filled-certificate-of-insurance.pdf` (whole body in read-only fields: PdfPig sees 22
  letters, poppler the full certificate). poppler draws widget appearance streams into the text; PdfPig's
  `page.Letters` does not. Filled forms need the field values read from the AcroForm (`/V`).
- **PdfPig silently loses text** on `adversarial/deep-nesting-arrays-100k.pdf` (page loads, 0 letters, where poppler
  extracts the text) and on `real/hostile-real-cmap-deep-array.pdf` (0 letters; poppler reads "A"): such a page would
  be sent to OCR as if it were a scan. `adversarial/deep-nesting-dicts-100k.pdf` raises a catchable
  `PdfDocumentStackDepthException` on open (depth limit 256).
- PdfPig 0.1.16 throws on its own regression file `real/long-water-hammer-report-147-pages.pdf` ("Failed to parse
  the content for the page: 32"), on `real/unsupported-filter-unknown-name.pdf` (`NotSupportedException`:
  PlateDecode), on `real/hostile-real-jbig2-content-bomb.pdf` (`NotSupportedException`: JBIG2) and on
  `real/hostile-real-operator-list-cycle.pdf` ("Invalid Pattern token").
- PdfPig read the text of `adversarial/decompression-bomb-flate-2gib.pdf` in about 29 s within a 1 GiB heap;
  poppler needed 86 s (10 MB RSS); `qpdf --check` did not finish in 120 s. `pdftotext` did not finish in 180 s on
  `real/hostile-real-jbig2-content-bomb.pdf`, and `pdfimages` on it grew past 1 GB RSS in 5 minutes before it was
  killed. `adversarial/pages-100k.pdf`: PdfPig opened it and read 200 pages in about 26 s.
- Page-tree cycles: PdfPig reports 1 page for `adversarial/page-tree-cycle.pdf`, poppler 2 (the /Count), qpdf an
  error; none of them hangs. Truncation: neither poppler nor qpdf nor PdfPig recovers
  `adversarial/truncated-after-first-page.pdf` (no trailer, so no /Root), while all three open the two real
  truncated files.
- **qpdf 11.3.0 `--check` segfaults** on `real/objstm-xref-stream-inside-object-stream.pdf` (qpdf's own test input;
  newer qpdf handles it). poppler and PdfPig read its 30 pages.
- Encryption trap: pypdf's `r6-user-password.pdf` (here `real/encrypted-r6-named-user-password-but-empty-owner.pdf`)
  was made with a user password but an empty owner password, so every reader opens it with the empty password.

### Where the fleet's current checks (Ingestion.Consumers) disagree with the expected outcomes

- `PdfDocumentFormat` rejects every document whose `IsEncrypted` is true as ENCRYPTED, so all files marked
  *perm. note* (owner-password-only: 6 in `encrypted-owner-only`, `junk-before-header-utf8-bom-aes.pdf`,
  `junk-before-header-text-line.pdf`, and the 2 generated owner-only files) are rejected although PdfPig reads them.
- `PdfFiles.EndsWithEofMarker` (%%EOF in the last 1 KiB) rejects valid files padded after %%EOF:
  `real/junk-after-eof-nul-padding-20k.pdf` (20 KiB of NULs), `real/junk-after-eof-nul-padding-32k-fax-form.pdf`
  (32 KiB) and `real/junk-after-eof-mangled-canon-scan.pdf`; and the real truncated files that readers recover.
- `DocumentFormatRouter` / `PdfFiles.HasPdfSignature` (file starts with `%PDF-`) sends files with bytes before the
  header to NOT_PDF: the 3 `junk-before-header` real files and `adversarial/junk-header-utf8-bom.pdf`,
  `adversarial/junk-header-macbinary-128.pdf`, all of which PdfPig, poppler and qpdf read.

### Not found as real-world examples

Public test suites hold no real CVs, GCP certificates, medical licences or IRB approval letters; the closest
analogues are the certificate of insurance, the job-application form, the Hebrew approval form and the clinical
guideline. Real truncated files are only small hand-made test cases (`damaged-truncated-*`), so a generated
truncated file was added. No real AES-256 owner-only *document* (only pypdf's one-line test file), and no real
2-gigapixel, Type 4 recursion or 100,000-page file small enough to commit: those are generated.
"""


PDFPIG_SECTION = """## How the PdfPig 0.1.16 column was made

`pdfpig-0.1.16-probe.json` records what PdfPig 0.1.16 (the version in `Directory.Packages.props`) did with every
file. The probe was a throwaway .NET 10 console program outside the repository, one process per file, 120 s
timeout, `DOTNET_GCHeapHardLimit=0x40000000` (1 GiB heap). It opened the file the way
`Ingestion.Consumers/Pdf/PdfFiles.Open` does (`UseLenientParsing = true, SkipMissingFonts = true`, no password),
then read `IsEncrypted`, `NumberOfPages` and, for the first 200 pages, `page.Letters.Count` and `page.GetWords()`:

```csharp
using var doc = PdfDocument.Open(File.OpenRead(path), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
for (int i = 1; i <= Math.Min(doc.NumberOfPages, 200); i++) { var page = doc.GetPage(i); letters += page.Letters.Count; /* words */ }
```

`rc` is the process exit code (-6 = SIGABRT: .NET aborts the process on a stack overflow, which no `catch` can
stop), `ok=false` means a managed exception was caught, `letters` counts the letters PdfPig found.
"""


if __name__ == "__main__":
    main()
