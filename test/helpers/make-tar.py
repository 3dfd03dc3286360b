#!/usr/bin/env python3
"""Write a tar archive from a JSON spec, with Python's own tarfile module (an independent tar writer).

stdin: {"format": "gnu"|"pax"|"ustar", "entries": [{"name", "type": "file"|"dir"|"symlink"|"hardlink"|"fifo",
        "data" (utf-8 text) | "data_b64" | "zeros" (count), "linkname", "mode", "uid", "gid", "pax": {...}}]}
argv[1]: output path. Raw names are written as given: '../x' and '/abs' are kept on purpose.
"""
import base64
import io
import json
import sys
import tarfile

FORMATS = {"gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT, "ustar": tarfile.USTAR_FORMAT}
TYPES = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
         "hardlink": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE}


class Zeros(io.RawIOBase):
    def __init__(self, n):
        self.left = n

    def readable(self):
        return True

    def readinto(self, b):
        n = min(len(b), self.left)
        b[:n] = bytes(n)
        self.left -= n
        return n


def main():
    spec = json.load(sys.stdin)
    fmt = FORMATS[spec.get("format", "pax")]
    if sys.argv[1] == "-":  # stream to stdout (for large archives piped into a compressor)
        tf = tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=fmt)
    else:
        tf = tarfile.open(sys.argv[1], "w", format=fmt)
    with tf:
        for e in spec["entries"]:
            ti = tarfile.TarInfo(e["name"])
            ti.type = TYPES[e.get("type", "file")]
            ti.mode = e.get("mode", 0o755 if ti.type == tarfile.DIRTYPE else 0o644)
            ti.uid = e.get("uid", 0)
            ti.gid = e.get("gid", 0)
            ti.mtime = 1700000000
            ti.linkname = e.get("linkname", "")
            if e.get("pax"):
                ti.pax_headers = e["pax"]
            fileobj = None
            if ti.type == tarfile.REGTYPE:
                if "zeros" in e:
                    ti.size = e["zeros"]
                    fileobj = io.BufferedReader(Zeros(e["zeros"]))
                else:
                    data = base64.b64decode(e["data_b64"]) if "data_b64" in e else e.get("data", "").encode()
                    ti.size = len(data)
                    fileobj = io.BytesIO(data)
            tf.addfile(ti, fileobj)


main()
