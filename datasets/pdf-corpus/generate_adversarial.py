#!/usr/bin/env python3
"""Writes the generated files of the PDF corpus into adversarial/ beside this script.

Standard library only, deterministic: every run writes the same bytes (no time stamps,
no randomness; document IDs are hashes of the file names). Runs in a few seconds and a
few hundred MB of memory at most: the multi-gigabyte streams are never built in memory,
their Deflate data is written directly (see deflate_zeros).

Usage:  python3 generate_adversarial.py            # (re)write adversarial/*.pdf
        python3 generate_adversarial.py --check    # also compare with corpus.json SHA-256s

What each file attacks is described in FILES at the bottom and in SOURCES.md.
"""

import hashlib
import json
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")

# --------------------------------------------------------------------------------------
# Deflate written by hand for long runs of zero bytes.
#
# One dynamic-Huffman block whose literal/length code has three symbols: 285 (copy 258
# bytes) with the 1-bit code "0", literal 0 and end-of-block with 2-bit codes; the
# distance code has one symbol (distance 1) with the 1-bit code "0" (RFC 1951 allows a
# single one-bit distance code). After one literal 0, every further 258 zero bytes cost
# two zero bits, so the compressed body is a run of 0x00 bytes: 2 GiB of zeros inflate
# from about 2 MB, the ratio of zlib -9, written in milliseconds and independent of the
# zlib version installed.
# --------------------------------------------------------------------------------------


class BitWriter:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.nbits = 0

    def bits(self, value, count):
        """Append `count` bits of `value`, least significant first (Deflate header fields)."""
        self.acc |= (value & ((1 << count) - 1)) << self.nbits
        self.nbits += count
        while self.nbits >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.nbits -= 8

    def code(self, code, length):
        """Append a Huffman code, most significant bit first."""
        for i in range(length - 1, -1, -1):
            self.bits((code >> i) & 1, 1)

    def zeros(self, count):
        while count and self.nbits:
            self.bits(0, 1)
            count -= 1
        self.out += bytes(count // 8)
        self.bits(0, count % 8)

    def finish(self):
        if self.nbits:
            self.out.append(self.acc & 0xFF)
        self.acc = 0
        self.nbits = 0
        return bytes(self.out)


def canonical_codes(lengths):
    """RFC 1951 3.2.2: canonical Huffman codes from code lengths {symbol: length}."""
    max_len = max(lengths.values())
    bl_count = [0] * (max_len + 1)
    for length in lengths.values():
        bl_count[length] += 1
    code, next_code = 0, [0] * (max_len + 1)
    for bits in range(1, max_len + 1):
        code = (code + bl_count[bits - 1]) << 1
        next_code[bits] = code
    codes = {}
    for symbol in sorted(lengths):
        length = lengths[symbol]
        codes[symbol] = (next_code[length], length)
        next_code[length] += 1
    return codes


def deflate_zeros(total):
    """A zlib stream (RFC 1950) that inflates to `total` zero bytes."""
    assert total >= 1
    lit = {0: 2, 256: 2, 285: 1}
    lit_codes = canonical_codes(lit)
    hlit = 286  # literal/length code lengths sent: symbols 0..285
    hdist = 1   # one distance code: distance 1
    lit_lengths = [lit.get(s, 0) for s in range(hlit)]
    all_lengths = lit_lengths + [1]
    # Code-length alphabet: 0, 1, 2 and 18 (a run of 11..138 zeros, 7 extra bits).
    cl_symbols = []  # (symbol, extra bits value, extra bit count)
    i = 0
    while i < len(all_lengths):
        if all_lengths[i] == 0:
            run = 1
            while i + run < len(all_lengths) and all_lengths[i + run] == 0 and run < 138:
                run += 1
            if run >= 11:
                cl_symbols.append((18, run - 11, 7))
                i += run
                continue
            cl_symbols.extend((0, 0, 0) for _ in range(run))
            i += run
            continue
        cl_symbols.append((all_lengths[i], 0, 0))
        i += 1
    cl_lengths = {0: 2, 1: 2, 2: 2, 18: 2}
    cl_codes = canonical_codes(cl_lengths)
    order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    hclen = max(order.index(s) for s in cl_lengths) + 1

    w = BitWriter()
    w.bits(1, 1)  # BFINAL
    w.bits(2, 2)  # BTYPE = dynamic Huffman
    w.bits(hlit - 257, 5)
    w.bits(hdist - 1, 5)
    w.bits(hclen - 4, 4)
    for s in order[:hclen]:
        w.bits(cl_lengths.get(s, 0), 3)
    for symbol, extra, extra_bits in cl_symbols:
        w.code(*cl_codes[symbol])
        if extra_bits:
            w.bits(extra, extra_bits)
    w.code(*lit_codes[0])  # the first zero byte, as a literal
    copies, rest = divmod(total - 1, 258)
    assert lit_codes[285] == (0, 1)
    w.zeros(copies * 2)  # each copy: length symbol 285 "0" + distance code "0"
    for _ in range(rest):
        w.code(*lit_codes[0])
    w.code(*lit_codes[256])
    body = w.finish()
    # Adler-32 of `total` zero bytes: a = 1, b = total mod 65521.
    adler = ((total % 65521) << 16) | 1
    return b"\x78\x01" + body + struct.pack(">I", adler)


def flate(data):
    return zlib.compress(data, 9)


# --------------------------------------------------------------------------------------
# RC4 and the standard security handler (ISO 32000-1 7.6.3, algorithms 1 to 5), RC4 only.
# --------------------------------------------------------------------------------------

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out[n] = byte ^ s[(s[i] + s[j]) & 0xFF]
    return bytes(out)


def padded(password):
    return (password + PAD)[:32]


class Rc4Security:
    """Standard security handler, V1/R2 (40-bit) or V2/R3 (128-bit), RC4."""

    def __init__(self, user, owner, permissions, revision, file_id):
        self.revision = revision
        self.n = 5 if revision == 2 else 16
        self.p = permissions  # signed 32-bit
        # Algorithm 3: the O entry.
        digest = hashlib.md5(padded(owner or user)).digest()
        if revision >= 3:
            for _ in range(50):
                digest = hashlib.md5(digest[: self.n]).digest()
        okey = digest[: self.n]
        o = rc4(okey, padded(user))
        if revision >= 3:
            for i in range(1, 20):
                o = rc4(bytes(b ^ i for b in okey), o)
        self.o = o
        # Algorithm 2: the file key.
        digest = hashlib.md5(padded(user) + o + struct.pack("<i", permissions) + file_id).digest()
        if revision >= 3:
            for _ in range(50):
                digest = hashlib.md5(digest[: self.n]).digest()
        self.key = digest[: self.n]
        # Algorithms 4 and 5: the U entry.
        if revision == 2:
            self.u = rc4(self.key, PAD)
        else:
            u = rc4(self.key, hashlib.md5(PAD + file_id).digest())
            for i in range(1, 20):
                u = rc4(bytes(b ^ i for b in self.key), u)
            self.u = u + bytes(16)

    def encrypt(self, num, gen, data):
        # Algorithm 1: the object key.
        key = hashlib.md5(self.key + struct.pack("<I", num)[:3] + struct.pack("<H", gen)).digest()
        return rc4(key[: min(self.n + 5, 16)], data)

    def dictionary(self):
        if self.revision == 2:
            head = b"/Filter/Standard/V 1/R 2/Length 40"
        else:
            head = b"/Filter/Standard/V 2/R 3/Length 128"
        return b"<<" + head + b"/O<" + self.o.hex().encode() + b">/U<" + self.u.hex().encode() + b">/P %d>>" % self.p


def permissions(*allowed_bits):
    """The /P value: bits 1-2 clear, 7-8 and 13-32 set, plus the given 1-based bits."""
    value = 0xFFFFF0C0
    for bit in allowed_bits:
        value |= 1 << (bit - 1)
    return struct.unpack("<i", struct.pack("<I", value))[0]


# --------------------------------------------------------------------------------------
# A minimal PDF writer.
# --------------------------------------------------------------------------------------


class Stream:
    def __init__(self, entries, data):
        self.entries = entries  # dictionary entries without << >> and without /Length
        self.data = data


class Pdf:
    def __init__(self):
        self.objects = {}
        self.next = 1

    def reserve(self):
        num = self.next
        self.next += 1
        return num

    def add(self, obj):
        num = self.reserve()
        self.objects[num] = obj
        return num

    def set(self, num, obj):
        self.objects[num] = obj


def ref(num):
    return b"%d 0 R" % num


def pdf_string(text):
    return b"(" + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_content(lines, size=12, top=740):
    out = [b"BT /F1 %d Tf 72 %d Td %d TL" % (size, top, size + 4)]
    for n, line in enumerate(lines):
        out.append((b"" if n == 0 else b"T* ") + pdf_string(line) + b" Tj")
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


FONT = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"


def file_id(name):
    return hashlib.md5(b"ingestion-pdf-corpus/" + name.encode()).digest()


def render(num, obj, security):
    if isinstance(obj, Stream):
        data = security.encrypt(num, 0, obj.data) if security else obj.data
        return b"<<" + obj.entries + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
    return obj


def write_classic(pdf, name, root, info=None, version=b"1.7", security=None, prefix=b"", suffix=b"",
                  offset_error=0):
    """Header, objects, a cross-reference table and trailer; offsets count from %PDF- (as when junk
    is later put in front of a finished file). `offset_error` is added to every xref offset."""
    ident = file_id(name)
    out = bytearray(prefix)
    base = len(prefix)
    out += b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n"
    offsets = {}
    enc_num = None
    if security:
        enc_num = pdf.add(security.dictionary())
    for num in sorted(pdf.objects):
        offsets[num] = len(out) - base
        out += b"%d 0 obj\n" % num + render(num, pdf.objects[num], security if num != enc_num else None) + b"\nendobj\n"
    size = max(pdf.objects) + 1
    xref_at = len(out) - base
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n\r\n" % (offsets[num] + offset_error)
        else:
            out += b"0000000000 65535 f\r\n"
    trailer = b"/Size %d/Root %s" % (size, ref(root))
    if info:
        trailer += b"/Info " + ref(info)
    if enc_num:
        trailer += b"/Encrypt " + ref(enc_num)
    trailer += b"/ID[<" + ident.hex().encode() + b"><" + ident.hex().encode() + b">]"
    out += b"trailer\n<<" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    out += suffix
    return bytes(out)


def write_compressed(pdf, name, root, info=None, version=b"1.7", per_stream=500):
    """Non-stream objects packed into Flate object streams, a Flate cross-reference stream (PDF 1.5)."""
    ident = file_id(name)
    plain = [n for n in sorted(pdf.objects) if not isinstance(pdf.objects[n], Stream)]
    streams = [n for n in sorted(pdf.objects) if isinstance(pdf.objects[n], Stream)]
    location = {}  # num -> (objstm num, index)
    for start in range(0, len(plain), per_stream):
        group = plain[start:start + per_stream]
        header, body = [], bytearray()
        for num in group:
            header.append(b"%d %d" % (num, len(body)))
            body += pdf.objects[num] + b"\n"
        head = b" ".join(header) + b"\n"
        stm = pdf.add(Stream(b"/Type/ObjStm/N %d/First %d/Filter/FlateDecode" % (len(group), len(head)),
                             flate(head + bytes(body))))
        streams.append(stm)
        for index, num in enumerate(group):
            location[num] = (stm, index)
    xref_num = pdf.reserve()
    size = xref_num + 1
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in streams:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + render(num, pdf.objects[num], None) + b"\nendobj\n"
    offsets[xref_num] = len(out)
    rows = bytearray()
    for num in range(size):
        if num in offsets:
            rows += struct.pack(">BIH", 1, offsets[num], 0)
        elif num in location:
            rows += struct.pack(">BIH", 2, *location[num])
        else:
            rows += struct.pack(">BIH", 0, 0, 65535 if num == 0 else 0)
    entries = b"/Type/XRef/Size %d/W[1 4 2]/Root %s" % (size, ref(root))
    if info:
        entries += b"/Info " + ref(info)
    entries += b"/ID[<" + ident.hex().encode() + b"><" + ident.hex().encode() + b">]/Filter/FlateDecode"
    data = flate(bytes(rows))
    out += b"%d 0 obj\n<<" % xref_num + entries + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    return bytes(out)


def simple_document(lines, pages=1, extra_page_entries=b"", extra_catalog_entries=b""):
    """A catalog, a /Pages node and `pages` pages showing `lines` (page number added)."""
    pdf = Pdf()
    catalog, pages_num, font = pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.set(font, FONT)
    kids = []
    for n in range(1, pages + 1):
        shown = lines if pages == 1 else lines + ["Page %d of %d" % (n, pages)]
        content = pdf.add(Stream(b"", text_content(shown)))
        kids.append(pdf.add(b"<</Type/Page/Parent %s/MediaBox[0 0 612 792]/Resources<</Font<</F1 %s>>>>/Contents %s%s>>"
                            % (ref(pages_num), ref(font), ref(content), extra_page_entries)))
    pdf.set(pages_num, b"<</Type/Pages/Kids[" + b" ".join(ref(k) for k in kids) + b"]/Count %d>>" % len(kids))
    pdf.set(catalog, b"<</Type/Catalog/Pages %s%s>>" % (ref(pages_num), extra_catalog_entries))
    return pdf, catalog, kids


def header_lines(name, what):
    return ["Ingestion PDF corpus - generated file " + name, what]


# --------------------------------------------------------------------------------------
# The files.
# --------------------------------------------------------------------------------------

DEPTH = 100_000


def type4_function_nested(name):
    """Separation colour space whose tint transform is a Type 4 (PostScript calculator) function
    with 100,000 nested `true { ... } if` procedures; the page selects and uses the colour."""
    pdf = Pdf()
    catalog, pages, font, page = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.set(font, FONT)
    program = b"{ " + b"true { " * DEPTH + b"} if " * DEPTH + b"}"
    function = pdf.add(Stream(b"/FunctionType 4/Domain[0 1]/Range[0 1]/Filter/FlateDecode", flate(program)))
    content = text_content(header_lines(name, "Page text before the spot colour is used."))
    content += b"/CS0 cs 0.5 scn\n72 500 300 100 re f\n"
    content += b"BT /F1 12 Tf 72 460 Td (Text painted in the Separation colour.) Tj ET\n"
    contents = pdf.add(Stream(b"", content))
    pdf.set(page, b"<</Type/Page/Parent %s/MediaBox[0 0 612 792]/Resources<</Font<</F1 %s>>/ColorSpace<</CS0[/Separation/Spot/DeviceGray %s]>>>>/Contents %s>>"
            % (ref(pages), ref(font), ref(function), ref(contents)))
    pdf.set(pages, b"<</Type/Pages/Kids[%s]/Count 1>>" % ref(page))
    pdf.set(catalog, b"<</Type/Catalog/Pages %s>>" % ref(pages))
    return write_classic(pdf, name, catalog)


BOMB_BYTES = 8_323_585 * 258 + 1  # 2,147,484,931 bytes: just over 2 GiB and over int.MaxValue


def decompression_bomb(name):
    """Page contents: a small readable text stream, then a Flate stream inflating to 2 GiB of NULs
    (NUL is PDF white space, so the inflated stream is even a valid, empty, content stream)."""
    pdf = Pdf()
    catalog, pages, font, page = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.set(font, FONT)
    text = pdf.add(Stream(b"", text_content(header_lines(name, "The next content stream inflates to %d bytes." % BOMB_BYTES))))
    bomb = pdf.add(Stream(b"/Filter/FlateDecode", deflate_zeros(BOMB_BYTES)))
    pdf.set(page, b"<</Type/Page/Parent %s/MediaBox[0 0 612 792]/Resources<</Font<</F1 %s>>>>/Contents[%s %s]>>"
            % (ref(pages), ref(font), ref(text), ref(bomb)))
    pdf.set(pages, b"<</Type/Pages/Kids[%s]/Count 1>>" % ref(page))
    pdf.set(catalog, b"<</Type/Catalog/Pages %s>>" % ref(pages))
    return write_classic(pdf, name, catalog)


def acroform_field_cycle(name):
    """AcroForm field tree with cycles: field A's /Kids holds B whose /Kids holds A; field C's /Kids holds C."""
    pdf = Pdf()
    catalog, pages, font, page = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    a, b, c, widget = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.set(font, FONT)
    contents = pdf.add(Stream(b"", text_content(header_lines(name, "Form fields: Investigator (cycle A-B-A), Site (C contains itself)."))))
    pdf.set(a, b"<</FT/Tx/T(Investigator)/Kids[%s]>>" % ref(b))
    pdf.set(b, b"<</T(Name)/Parent %s/Kids[%s]>>" % (ref(a), ref(a)))
    pdf.set(c, b"<</FT/Tx/T(Site)/Parent %s/Kids[%s %s]>>" % (ref(c), ref(c), ref(widget)))
    pdf.set(widget, b"<</Type/Annot/Subtype/Widget/Parent %s/T(City)/FT/Tx/V(Sydney)/Rect[72 600 300 620]/P %s/F 4>>" % (ref(c), ref(page)))
    pdf.set(page, b"<</Type/Page/Parent %s/MediaBox[0 0 612 792]/Resources<</Font<</F1 %s>>>>/Contents %s/Annots[%s]>>"
            % (ref(pages), ref(font), ref(contents), ref(widget)))
    pdf.set(pages, b"<</Type/Pages/Kids[%s]/Count 1>>" % ref(page))
    pdf.set(catalog, b"<</Type/Catalog/Pages %s/AcroForm<</Fields[%s %s]/DA(/Helv 0 Tf 0 g)/DR<</Font<</Helv %s>>>>>>>>"
            % (ref(pages), ref(a), ref(c), ref(font)))
    return write_classic(pdf, name, catalog)


def deep_nesting_arrays(name):
    """The page dictionary itself holds an array nested 100,000 deep: loading the page parses it."""
    deep = b"[" * DEPTH + b"]" * DEPTH
    pdf, catalog, _ = simple_document(header_lines(name, "The page dictionary has /Deep, an array nested %d deep." % DEPTH),
                                      extra_page_entries=b"/Deep" + deep)
    return write_classic(pdf, name, catalog)


def deep_nesting_dicts(name):
    """The document information dictionary (read on open) holds dictionaries nested 100,000 deep;
    it sits in a Flate object stream, so the file is small."""
    pdf, catalog, _ = simple_document(header_lines(name, "The /Info dictionary nests dictionaries %d deep." % DEPTH))
    info = pdf.add(b"<</Title(Deeply nested information dictionary)/Nested" + b"<</A" * DEPTH + b" 1" + b">>" * DEPTH + b">>")
    return write_compressed(pdf, name, catalog, info=info)


PAGES = 100_000


def hundred_thousand_pages(name):
    """100,000 pages in a balanced page tree (fan-out 10, depth 5) sharing one content stream and
    one resource dictionary; objects in Flate object streams, a cross-reference stream."""
    pdf = Pdf()
    catalog, font = pdf.reserve(), pdf.reserve()
    pdf.set(font, FONT)
    content = pdf.add(Stream(b"", text_content(header_lines(name, "Every one of the %d pages shows this same text." % PAGES))))

    def build(parent, count):
        num = pdf.reserve()
        if count == 1:
            pdf.set(num, b"<</Type/Page/Parent %s/Contents %s>>" % (ref(parent), ref(content)))
            return num
        share, extra = divmod(count, 10)
        kids = [build(num, share + (1 if i < extra else 0)) for i in range(min(10, count))]
        entries = b"<</Type/Pages/Kids[" + b" ".join(ref(k) for k in kids) + b"]/Count %d" % count
        if parent:
            entries += b"/Parent " + ref(parent)
        else:
            entries += b"/MediaBox[0 0 612 792]/Resources<</Font<</F1 %s>>>>" % ref(font)
        pdf.set(num, entries + b">>")
        return num

    root = build(0, PAGES)
    pdf.set(catalog, b"<</Type/Catalog/Pages %s>>" % ref(root))
    return write_compressed(pdf, name, catalog)


GIGAPIXEL_W, GIGAPIXEL_H = 50_000, 40_000


def gigapixel_image(name):
    """An image-only page: one 50,000 x 40,000 (2 gigapixel) 1-bit DeviceGray image, Flate
    (250,000,000 bytes inflated). No text layer, so an ingestion pipeline sends it to OCR."""
    pdf = Pdf()
    catalog, pages, page = pdf.reserve(), pdf.reserve(), pdf.reserve()
    data_len = (GIGAPIXEL_W + 7) // 8 * GIGAPIXEL_H
    image = pdf.add(Stream(b"/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray/BitsPerComponent 1/Filter/FlateDecode"
                           % (GIGAPIXEL_W, GIGAPIXEL_H), deflate_zeros(data_len)))
    contents = pdf.add(Stream(b"", b"q 612 0 0 792 0 0 cm /Im1 Do Q\n"))
    pdf.set(page, b"<</Type/Page/Parent %s/MediaBox[0 0 612 792]/Resources<</XObject<</Im1 %s>>>>/Contents %s>>"
            % (ref(pages), ref(image), ref(contents)))
    pdf.set(pages, b"<</Type/Pages/Kids[%s]/Count 1>>" % ref(page))
    pdf.set(catalog, b"<</Type/Catalog/Pages %s>>" % ref(pages))
    return write_classic(pdf, name, catalog)


def page_tree_cycle(name):
    """The root /Pages node has a real page and an intermediate /Pages node whose /Kids is the root."""
    pdf = Pdf()
    catalog, root, font, page, loop = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.set(font, FONT)
    contents = pdf.add(Stream(b"", text_content(header_lines(name, "Page 1 is real; the second kid of the root is a /Pages node whose kid is the root."))))
    pdf.set(page, b"<</Type/Page/Parent %s/MediaBox[0 0 612 792]/Resources<</Font<</F1 %s>>>>/Contents %s>>" % (ref(root), ref(font), ref(contents)))
    pdf.set(loop, b"<</Type/Pages/Parent %s/Kids[%s]/Count 1>>" % (ref(root), ref(root)))
    pdf.set(root, b"<</Type/Pages/Kids[%s %s]/Count 2>>" % (ref(page), ref(loop)))
    pdf.set(catalog, b"<</Type/Catalog/Pages %s>>" % ref(root))
    return write_classic(pdf, name, catalog)


def xref_wrong_offsets(name):
    """Every cross-reference entry is 7 bytes off (startxref itself is right): a reader must rebuild."""
    pdf, catalog, _ = simple_document(header_lines(name, "All xref offsets are wrong by 7 bytes; rebuild by scanning for objects."), pages=2)
    return write_classic(pdf, name, catalog, offset_error=7)


def junk_header_bom(name):
    """A UTF-8 byte order mark before %PDF- (a text editor or a text-mode upload added it)."""
    pdf, catalog, _ = simple_document(header_lines(name, "Three bytes EF BB BF precede %PDF-; offsets count from %PDF-."))
    return write_classic(pdf, name, catalog, prefix=b"\xef\xbb\xbf")


def crc16_xmodem(data):
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def macbinary_wrap(filename, data):
    """MacBinary II: a 128-byte header (type 'PDF ', creator 'CARO'), the data fork padded to 128."""
    header = bytearray(128)
    header[1] = len(filename)
    header[2:2 + len(filename)] = filename
    header[65:69] = b"PDF "
    header[69:73] = b"CARO"
    header[83:87] = struct.pack(">I", len(data))
    header[122] = 129  # MacBinary II writer version
    header[123] = 129  # minimum reader version
    header[124:126] = struct.pack(">H", crc16_xmodem(bytes(header[:124])))
    return bytes(header), bytes(-len(data) % 128)


def junk_header_macbinary(name):
    """The PDF as the data fork of a MacBinary II file: 128 bytes of header before %PDF-, NUL padding after %%EOF."""
    pdf, catalog, _ = simple_document(header_lines(name, "A 128-byte MacBinary II header precedes %PDF-; offsets count from %PDF-."))
    body = write_classic(pdf, name, catalog)
    header, padding = macbinary_wrap(b"site-document.pdf", body)
    return header + body + padding


def trailing_garbage(name):
    """600 bytes after %%EOF (a mail gateway's footer, then binary noise): within the last KiB, valid."""
    pdf, catalog, _ = simple_document(header_lines(name, "600 bytes of garbage follow the %%EOF marker."))
    noise = bytearray(b"\r\n-- \r\nScanned and sent by MFP-3000 / do not reply\r\n")
    block = b"ingestion"
    while len(noise) < 600:
        block = hashlib.sha256(block).digest()
        noise += block
    return write_classic(pdf, name, catalog, suffix=bytes(noise[:600]))


def encrypted(name, user, owner, revision, allowed, what):
    pdf, catalog, _ = simple_document(header_lines(name, what) + ["Investigator: Dr. A. Example, Site AU-SYD-006"])
    security = Rc4Security(user.encode(), owner.encode(), permissions(*allowed), revision, file_id(name))
    return write_classic(pdf, name, catalog, version=b"1.4", security=security)


def owner_only_rc4_128(name):
    return encrypted(name, "", "corpus-owner", 3, (3, 10, 12),
                     "RC4 128-bit, empty user password: opens without a password; only printing and accessibility are allowed.")


def owner_only_rc4_40(name):
    return encrypted(name, "", "corpus-owner", 2, (3,),
                     "RC4 40-bit, empty user password: opens without a password; only printing is allowed.")


def user_password_rc4_128(name):
    return encrypted(name, "corpus-user", "corpus-owner", 3, (3, 4, 5, 6, 10, 12),
                     "RC4 128-bit with the user password corpus-user: cannot be opened without it.")


def truncated(name):
    """A valid 3-page file cut just after the objects of page 1: no xref, no trailer, no %%EOF."""
    pdf, catalog, kids = simple_document(header_lines(name, "This file was cut short after the first page."), pages=3)
    whole = write_classic(pdf, name, catalog)
    cut = whole.index(b"%d 0 obj" % (kids[0] + 1))
    return whole[:cut]


def not_a_pdf(name):
    """What a download of an expired link saves under a .pdf name: an HTML error page."""
    return (b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>\n"
            b"<body><h1>Not Found</h1><p>The requested document /portal/docs/FDA-1572-signed.pdf was not found on this server.</p></body></html>\n")


def empty_file(name):
    return b""


FILES = [
    # (file name, category, generator, what it attacks, expected outcome, acceptable outcomes, artifact class, notes)
    ("type4-function-nested-100k.pdf", "adversarial", type4_function_nested,
     "Recursive evaluation of a PostScript (Type 4) tint transform: 100,000 nested `true { ... } if`; the page sets /CS0 cs 0.5 scn and fills with it, so reading the page evaluates the function (PdfPig 0.1.16: uncatchable StackOverflow, issue #1421).",
     "PARSER_CRASH", ["PARSER_CRASH", "INGESTED"], None,
     "The worker process must survive: a StackOverflowException cannot be caught in .NET, so the parse must run where a crash is contained (child process) or the evaluator must be iterative/depth-limited. INGESTED is fine when the text is extracted."),
    ("decompression-bomb-flate-2gib.pdf", "adversarial", decompression_bomb,
     "Decompression bomb: a ~2 MB Flate content stream inflates to 2,147,484,931 bytes (over 2 GiB and int.MaxValue) of NUL bytes, after a small readable text stream.",
     "RESOURCE_LIMIT", ["RESOURCE_LIMIT", "INGESTED"], None,
     "Inflating must be bounded (output cap) so memory stays bounded. INGESTED only if the reader streams the content without buffering it."),
    ("acroform-field-cycle.pdf", "adversarial", acroform_field_cycle,
     "Cyclic AcroForm field tree: A /Kids [B], B /Kids [A]; C /Kids [C, widget] and C /Parent C.",
     "INGESTED", ["INGESTED", "MALFORMED"], "form",
     "The page text is readable; walking /Fields or /Parent chains must detect cycles and never loop or recurse without bound."),
    ("deep-nesting-arrays-100k.pdf", "adversarial", deep_nesting_arrays,
     "Parser recursion: the page dictionary holds an array nested 100,000 deep.",
     "PARSER_CRASH", ["PARSER_CRASH", "MALFORMED", "INGESTED"], None,
     "A recursive-descent object parser overflows its stack when the page is loaded; a depth limit turns it into an ordinary error."),
    ("deep-nesting-dicts-100k.pdf", "adversarial", deep_nesting_dicts,
     "Parser recursion: the document information dictionary (read when the document is opened) nests dictionaries 100,000 deep, inside a Flate object stream.",
     "PARSER_CRASH", ["PARSER_CRASH", "MALFORMED", "INGESTED"], None,
     "The Info dictionary is read on open by PdfPig and by the fleet's declaration reader."),
    ("pages-100k.pdf", "adversarial", hundred_thousand_pages,
     "Page count: 100,000 pages in a balanced page tree, one shared content stream, object streams; small on disk.",
     "RESOURCE_LIMIT", ["RESOURCE_LIMIT", "INGESTED"], None,
     "Per-page work (text, OCR, thumbnails) times 100,000; a page-count limit should stop it early. Every page has the same text."),
    ("image-2-gigapixel.pdf", "adversarial", gigapixel_image,
     "Pixel count: an image-only page with a 50,000 x 40,000 1-bit image (2 gigapixels; 250,000,000 bytes inflated; 8 GB as RGBA).",
     "RESOURCE_LIMIT", ["RESOURCE_LIMIT"], None,
     "No text layer, so the fleet's OCR path renders it; rendering or decoding must check dimensions before allocating."),
    ("page-tree-cycle.pdf", "adversarial", page_tree_cycle,
     "Page tree cycle: the root /Pages has a page and a /Pages node whose /Kids is the root.",
     "INGESTED", ["INGESTED", "MALFORMED"], "other",
     "Page 1 is readable (poppler and qpdf detect the loop); the walker must not loop or recurse forever."),
    ("xref-wrong-offsets.pdf", "generated-valid", xref_wrong_offsets,
     "Recovery: every xref offset is 7 bytes off; a lenient reader rebuilds the table by scanning.",
     "INGESTED", ["INGESTED"], "other", "Two pages of text."),
    ("junk-header-utf8-bom.pdf", "generated-valid", junk_header_bom,
     "Header check: a UTF-8 BOM (EF BB BF) before %PDF-; offsets count from %PDF- as in a file that had the BOM prepended.",
     "INGESTED", ["INGESTED"], "other", "Valid for lenient readers; a strict 'starts with %PDF-' test rejects it."),
    ("junk-header-macbinary-128.pdf", "generated-valid", junk_header_macbinary,
     "Header check: a 128-byte MacBinary II header (type PDF, creator CARO, valid CRC) before %PDF-, NUL padding to 128 bytes after %%EOF.",
     "INGESTED", ["INGESTED"], "other", "The real-world twin is real/junk-before-header-macbinary.pdf."),
    ("trailing-garbage-after-eof.pdf", "generated-valid", trailing_garbage,
     "Trailer search: 600 bytes (a mail footer and binary noise) after %%EOF; %%EOF stays within the last 1 KiB.",
     "INGESTED", ["INGESTED"], "other", "Valid for every reader."),
    ("encrypted-owner-only-rc4-128.pdf", "generated-valid", owner_only_rc4_128,
     "Encryption with an empty user password (RC4 128-bit, V2 R3, owner password corpus-owner): opens without a password; copy and modify not permitted.",
     "INGESTED", ["INGESTED"], "other", "Must be ingested with a 'permission restrictions' note, not rejected as ENCRYPTED."),
    ("encrypted-owner-only-rc4-40.pdf", "generated-valid", owner_only_rc4_40,
     "Encryption with an empty user password (RC4 40-bit, V1 R2, owner password corpus-owner); only printing permitted.",
     "INGESTED", ["INGESTED"], "other", "Must be ingested with a 'permission restrictions' note."),
    ("encrypted-user-password-rc4-128.pdf", "generated-valid", user_password_rc4_128,
     "Encryption with a user password (RC4 128-bit, user corpus-user, owner corpus-owner).",
     "ENCRYPTED", ["ENCRYPTED"], None, "Needs the user password corpus-user."),
    ("truncated-after-first-page.pdf", "adversarial", truncated,
     "Truncation: a 3-page file cut right after page 1's objects: no xref, trailer or %%EOF.",
     "MALFORMED", ["MALFORMED", "INGESTED"], None,
     "poppler/qpdf rebuild page 1, but the document is incomplete (cut in transit): the fleet's %%EOF check rejects it; the site should resend."),
    ("not-a-pdf-html-error-page.pdf", "adversarial", not_a_pdf,
     "File type: an HTML 404 page saved with a .pdf name.",
     "MALFORMED", ["MALFORMED"], None, "No %PDF- header at all (the fleet's rejection code today: NOT_PDF)."),
    ("empty-file.pdf", "adversarial", empty_file,
     "File type: zero bytes.",
     "MALFORMED", ["MALFORMED"], None, "Zero-length upload (the fleet's rejection code today: EMPTY)."),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    written = {}
    for name, _category, make, *_ in FILES:
        data = make(name)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        written[name] = hashlib.sha256(data).hexdigest()
        print("%-42s %10d bytes  %s" % (name, len(data), written[name]))
    if "--check" in sys.argv[1:]:
        with open(os.path.join(HERE, "corpus.json"), encoding="utf-8") as f:
            recorded = {e["file"]: e["sha256"] for e in json.load(f)["files"] if e["file"].startswith("adversarial/")}
        bad = [n for n in written if recorded.get("adversarial/" + n) != written[n]]
        if bad:
            print("differs from corpus.json: " + ", ".join(bad), file=sys.stderr)
            return 1
        print("all %d files match corpus.json" % len(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
