"""Independent PyPA evaluation for drydock's tests: python3 `packaging` (PEP 440) + PyYAML.

stdin: JSON {"dir": <pypa vulns dir>, "packages": [[name, version], ...]}
stdout: one line per hit: name<TAB>version<TAB>advisory id

OSV semantics (schema "Evaluation"): affected if the version equals a listed version, or an ECOSYSTEM
range's sorted events leave it vulnerable (introduced "0" first; GIT ranges are not evaluated).
"""
import json, os, sys
import yaml
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

req = json.load(sys.stdin)
installed = {}
for name, version in req["packages"]:
    try:
        installed.setdefault(canonicalize_name(name), set()).add((name, version, Version(version)))
    except InvalidVersion:
        pass

def in_range(v, events):
    evs = []
    for e in events:
        (kind, text), = e.items()
        key = Version("0") if (kind == "introduced" and text == "0") else Version(text)
        first = kind == "introduced" and text == "0"
        evs.append((0 if first else 1, key, kind))
    evs.sort(key=lambda t: (t[0], t[1]))
    limits = [k for _, k, kind in evs if kind == "limit"]
    if limits and not any(v < k for k in limits):
        return False
    vulnerable = False
    for first, k, kind in evs:
        if kind == "introduced" and (first == 0 or v >= k):
            vulnerable = True
        elif kind == "fixed" and v >= k:
            vulnerable = False
        elif kind == "last_affected" and v > k:
            vulnerable = False
    return vulnerable

for root, _, files in os.walk(req["dir"]):
    for f in sorted(files):
        if not f.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(root, f)) as fh:
            rec = yaml.load(fh, Loader=yaml.BaseLoader)
        if rec.get("withdrawn"):
            continue
        for a in rec.get("affected", []):
            pkg = a.get("package", {})
            if pkg.get("ecosystem") != "PyPI":
                continue
            for name, version, v in installed.get(canonicalize_name(pkg["name"]), ()):
                hit = False
                for x in a.get("versions", []):
                    try:
                        if x == version or Version(x) == v:
                            hit = True
                            break
                    except InvalidVersion:
                        pass
                if not hit:
                    hit = any(r.get("type") == "ECOSYSTEM" and in_range(v, r["events"]) for r in a.get("ranges", []))
                if hit:
                    print(f"{name}\t{version}\t{rec['id']}")
