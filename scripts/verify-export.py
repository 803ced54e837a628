#!/usr/bin/env python3
"""Verify an `ingest audit export` directory without any of Ingestion's code.

    python3 scripts/verify-export.py EXPORT_DIR [--key PUBLIC_KEY.pem]

An independent implementation of the rules the README states (section "Verifying an export without Ingestion"):
  - the manifest segments.jsonl chains each closed segment's SHA-256 to the one before (64 zeros before the first);
  - entries run from seq 1 with no gap; each line's canonical_json names its own seq;
  - entry hash = SHA-256(previous entry hash || UTF-8 canonical JSON), the previous hash of seq 1 being 32 zero bytes;
  - Merkle tree of RFC 9162: leaf = SHA-256(0x00 || canonical JSON), node = SHA-256(0x01 || left || right), split at
    the largest power of two smaller than n, empty tree = SHA-256 of nothing;
  - every checkpoint-<size>.json is signed with ECDSA P-256 / SHA-256 (signature in IEEE P1363 form, r || s) over the
    UTF-8 text "ingestion-checkpoint/v1\\n<size>\\n<root hex>\\n<head hex>\\n<created_at>" (no final newline), names the
    key by the first 16 hex digits of SHA-256(SubjectPublicKeyInfo DER), and its head and root are the export's own.

Standard library plus python3-cryptography (Debian's package) for the signature. Exit 0 when everything verifies,
1 naming the first thing that does not, 2 for a usage error. Give the public key you got from the sponsor with --key;
without it the export's own public-key.pem is used, which proves integrity, not origin.
"""

import argparse
import hashlib
import json
import os
import re
import sys

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
except ImportError:  # pragma: no cover - told to the inspector plainly
    sys.exit("verify-export: python3-cryptography is needed (apt-get install python3-cryptography)")

CHECKPOINT_FORMAT = "ingestion-checkpoint/v1"
GENESIS = bytes(32)
GENESIS_SEGMENT = "0" * 64


class Broken(Exception):
    """The first thing in the export that does not verify."""


def sha256(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def leaf_hash(canonical):
    return sha256(b"\x00", canonical)


def merkle_root(leaves, start, end):
    """RFC 9162 section 2.1.1: the root of leaves[start:end]."""
    n = end - start
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaves[start]
    split = 1
    while split * 2 < n:
        split *= 2
    return sha256(b"\x01", merkle_root(leaves, start, start + split), merkle_root(leaves, start + split, end))


def read_lines(path):
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                try:
                    yield number, json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as error:
                    raise Broken(f"{os.path.basename(path)} line {number}: not JSON ({error})")


def file_sha256(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class Export:
    def __init__(self, directory):
        self.directory = directory
        self.leaves = []
        self.heads = []
        self.previous = GENESIS
        self.segments = 0

    def verify_segments(self):
        manifest_path = os.path.join(self.directory, "segments.jsonl")
        manifest = [record for _, record in read_lines(manifest_path)] if os.path.exists(manifest_path) else []
        previous_segment = GENESIS_SEGMENT
        for record in manifest:
            name = record["file"]
            path = os.path.join(self.directory, name)
            if record["previous_sha256"] != previous_segment:
                raise Broken(f"segment {name}: its previous_sha256 in segments.jsonl is not the SHA-256 of the segment before it")
            if not os.path.exists(path):
                raise Broken(f"segment {name}: listed in segments.jsonl but missing")
            if file_sha256(path) != record["sha256"]:
                raise Broken(f"segment {name}: its SHA-256 is not the one segments.jsonl records (the closed segment was changed)")
            first = len(self.leaves) + 1
            self.verify_entries(path)
            if (record["first_seq"], record["last_seq"]) != (first, len(self.leaves)):
                raise Broken(f"segment {name}: segments.jsonl says seq {record['first_seq']}-{record['last_seq']}, "
                             f"the file holds {first}-{len(self.leaves)}")
            previous_segment = record["sha256"]
        open_name = f"segment-{len(manifest) + 1:06d}.jsonl"
        if os.path.exists(os.path.join(self.directory, open_name)):
            self.verify_entries(os.path.join(self.directory, open_name))
        listed = {record["file"] for record in manifest} | {open_name}
        stray = sorted(n for n in os.listdir(self.directory) if re.fullmatch(r"segment-\d+\.jsonl", n) and n not in listed)
        if stray:
            raise Broken(f"segment {stray[0]}: neither listed in segments.jsonl nor the open segment {open_name}")

    def verify_entries(self, path):
        self.segments += 1
        name = os.path.basename(path)
        for _, entry in read_lines(path):
            seq = len(self.leaves) + 1
            if entry["seq"] != seq:
                raise Broken(f"segment {name}: seq {entry['seq']} stands where seq {seq} belongs")
            canonical = entry["canonical_json"].encode("utf-8")
            try:
                named = json.loads(canonical)["seq"]
            except (json.JSONDecodeError, KeyError, TypeError):
                named = None
            if named != seq:
                raise Broken(f"segment {name}, seq {seq}: its canonical JSON does not name seq {seq}")
            if entry["previous_hash"] != self.previous.hex():
                raise Broken(f"segment {name}, seq {seq}: its previous hash is not the entry hash of seq {seq - 1}")
            entry_hash = sha256(self.previous, canonical)
            if entry["entry_hash"] != entry_hash.hex():
                raise Broken(f"segment {name}, seq {seq}: SHA-256(previous hash || canonical JSON) is not its entry hash "
                             "(the entry was changed)")
            self.previous = entry_hash
            self.heads.append(entry_hash)
            self.leaves.append(leaf_hash(canonical))

    def verify_checkpoints(self, public_key):
        spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        key_id = hashlib.sha256(spki).hexdigest()[:16]
        sizes = sorted(int(m.group(1)) for m in (re.fullmatch(r"checkpoint-(\d+)\.json", n) for n in os.listdir(self.directory)) if m)
        if not sizes:
            raise Broken("no checkpoint-<size>.json in the export")
        for size in sizes:
            name = f"checkpoint-{size}.json"
            with open(os.path.join(self.directory, name), encoding="utf-8") as handle:
                checkpoint = json.load(handle)
            if checkpoint["tree_size"] != size:
                raise Broken(f"{name}: it holds tree size {checkpoint['tree_size']}")
            if checkpoint["key_id"] != key_id:
                raise Broken(f"{name}: signed by key {checkpoint['key_id']}, not by the key given ({key_id})")
            text = "\n".join([CHECKPOINT_FORMAT, str(size), checkpoint["root_hash"], checkpoint["head_hash"], checkpoint["created_at"]])
            signature = bytes.fromhex(checkpoint["signature"])
            if len(signature) != 64:
                raise Broken(f"{name}: its signature is not 64 bytes (r || s)")
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            try:
                public_key.verify(der, text.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                raise Broken(f"{name}: its signature does not verify with key {key_id}")
            if size > len(self.leaves):
                raise Broken(f"{name}: it covers seq 1..{size}, the export ends at seq {len(self.leaves)}")
            head = GENESIS if size == 0 else self.heads[size - 1]
            if checkpoint["head_hash"] != head.hex():
                raise Broken(f"{name}: its head hash is not the entry hash of seq {size}")
            if checkpoint["root_hash"] != merkle_root(self.leaves, 0, size).hex():
                raise Broken(f"{name}: the Merkle root of the first {size} entries is not the signed root")
        return sizes, key_id


def main():
    parser = argparse.ArgumentParser(description="Verify an `ingest audit export` directory with the ledger's public key.")
    parser.add_argument("directory")
    parser.add_argument("--key", help="the ledger's public key (PEM); default: the export's public-key.pem")
    arguments = parser.parse_args()
    if not os.path.isdir(arguments.directory):
        parser.error(f"{arguments.directory} is not a directory")
    key_path = arguments.key or os.path.join(arguments.directory, "public-key.pem")
    with open(key_path, "rb") as handle:
        public_key = serialization.load_pem_public_key(handle.read())
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or public_key.curve.name != "secp256r1":
        parser.error(f"{key_path} is not an ECDSA P-256 public key")

    export = Export(arguments.directory)
    try:
        export.verify_segments()
        sizes, key_id = export.verify_checkpoints(public_key)
    except (Broken, KeyError, ValueError) as problem:
        print(f"Export does NOT verify: {problem}")
        print(f"The {len(export.leaves)} entries before it verify; head hash {export.previous.hex()}")
        return 1
    print(f"Export verifies: {len(export.leaves)} entries in {export.segments} segments, head hash {export.previous.hex()}; "
          f"checkpoints {', '.join(map(str, sizes))} signed by key {key_id} match")
    if not arguments.key:
        print("(checked with the export's own public-key.pem: give --key the key you hold to check its origin too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
