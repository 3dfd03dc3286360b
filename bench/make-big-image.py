#!/usr/bin/env python3
"""Write a large OCI image layout of many files, for memory/speed benchmarks.

usage: make-big-image.py OUT_DIR TOTAL_MB LAYERS
Each layer is a gzip'd tar of ~TOTAL_MB/LAYERS MB: thousands of small text files, some mid-size
files and a few large half-random ones, plus (in layer 0) a dpkg status so analyzers have work.
Made with Python's tarfile and the gzip command, not with drydock.
"""
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import tarfile

out, total_mb, nlayers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(42)
WORDS = [b"alpha", b"beta", b"gamma", b"delta", b"lib", b"usr", b"share", b"config", b"value", b"=", b"\n"]


def text(n):
    parts, size = [], 0
    while size < n:
        w = rng.choice(WORDS)
        parts.append(w)
        size += len(w)
    return b" ".join(parts)[:n]


def half_random(n):
    return os.urandom(n // 2) + bytes(n - n // 2)


def add(tf, name, data):
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mtime = 1700000000
    tf.addfile(ti, io.BytesIO(data))


def dpkg_status(count):
    paras = []
    for i in range(count):
        paras.append(f"Package: pkg{i}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.{i}-1\nMaintainer: x <x@example.org>\nDescription: package {i}\n")
    return "\n".join(paras).encode()


def write_layer(index, budget):
    tar_path = os.path.join(out, f"layer{index}.tar")
    with tarfile.open(tar_path, "w", format=tarfile.PAX_FORMAT) as tf:
        if index == 0:
            add(tf, "etc/os-release", b'ID=debian\nVERSION_ID="12"\nNAME="Debian GNU/Linux"\n')
            add(tf, "var/lib/dpkg/status", dpkg_status(400))
        used, n = 0, 0
        while used < budget:
            r = rng.random()
            # ~99% small files: a 2 GB image of this mix holds about 200k files
            size = rng.randint(200, 8000) if r < 0.99 else rng.randint(50_000, 500_000) if r < 0.9998 else rng.randint(5_000_000, 20_000_000)
            data = text(size) if size < 100_000 else half_random(size)
            add(tf, f"data/l{index}/d{n // 500}/f{n}.bin", data)
            used += size
            n += 1
    h = hashlib.sha256()
    with open(tar_path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    diff_id = "sha256:" + h.hexdigest()
    gz = subprocess.run(["gzip", "-1", "-n", "-c", tar_path], check=True, stdout=subprocess.PIPE).stdout
    os.remove(tar_path)
    return diff_id, put_blob(gz)


def put_blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)


os.makedirs(os.path.join(out, "blobs", "sha256"), exist_ok=True)
layers = [write_layer(i, total_mb * 1024 * 1024 // nlayers) for i in range(nlayers)]
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [d for d, _ in layers]},
                     "history": [{"created_by": f"layer {i}"} for i in range(nlayers)]}).encode()
cfg_digest, cfg_size = put_blob(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cfg_digest, "size": cfg_size},
                       "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": s} for _, (d, s) in layers]}).encode()
m_digest, m_size = put_blob(manifest)
with open(os.path.join(out, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": m_digest, "size": m_size,
                                                   "annotations": {"org.opencontainers.image.ref.name": "big"}}]}, f)
with open(os.path.join(out, "oci-layout"), "w") as f:
    f.write('{"imageLayoutVersion":"1.0.0"}')
