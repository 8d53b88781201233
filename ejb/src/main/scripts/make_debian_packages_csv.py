#!/usr/bin/python3
"""Write demo/debian-packages.csv: Debian package descriptions labelled by
their archive section (a small text-classification data set).

Input: the apt package lists of this machine, /var/lib/apt/lists/*_Packages
(plain, .lz4, .gz, .xz); if there are none, the output of `apt-cache dumpavail`.
Where the lists also hold Translation-en files (*_i18n_Translation-en*), the
long descriptions are taken from there, matched by Description-md5; a
Packages stanza whose Description field has continuation lines is used as is.

Method:
  * one record per package name; if several lists carry the package, the
    record with the highest Debian version wins (ties: the first list in
    sorted path order);
  * keep the sections games, science, sound, graphics, mail, database (the
    last path component of Section:, so contrib/games counts as games);
    if one of these is missing from the lists, take instead the 6 sections
    with the most packages that are not library/development/language
    sections (see NON_CONTENT_SECTIONS) and say so on stderr;
  * text = short description + long description on one line: the " ."
    paragraph markers are dropped and runs of white space collapsed to one
    space; cut to at most 600 characters on a word boundary;
  * among the kept sections, a package whose text equals that of a package
    with a smaller name is dropped (exact-duplicate texts);
  * per section, sort by package name and, if more than 400 remain, take the
    entries at positions floor(i * n / 400), i = 0..399 (evenly spread);
  * write package,description,section sorted by section, then package name,
    RFC 4180 quoting (csv.QUOTE_MINIMAL, "\\n" line ends), UTF-8.

The result depends only on the lists' content, so two runs over the same
lists give byte-identical output. Standard library plus /usr/bin/lz4 (or
apt-helper) for .lz4 lists.

Usage: /usr/bin/python3 make_debian_packages_csv.py [--lists DIR] [--out FILE]
"""
import argparse
import collections
import csv
import glob
import gzip
import lzma
import os
import re
import shutil
import subprocess
import sys

DEFAULT_LISTS = "/var/lib/apt/lists"
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "resources", "demo", "debian-packages.csv")
SECTIONS = ["games", "science", "sound", "graphics", "mail", "database"]
PER_SECTION = 400
MAX_CHARS = 600
# Sections that name a kind of package (libraries, tooling for a language,
# debug symbols, ...) rather than a subject; skipped by the fallback choice.
NON_CONTENT_SECTIONS = {
    "libs", "libdevel", "oldlibs", "devel", "debug", "kernel", "metapackages",
    "tasks", "localization", "translations", "introspection", "misc", "admin",
    "utils", "doc", "python", "perl", "ruby", "java", "javascript", "php",
    "haskell", "ocaml", "golang", "rust", "lisp", "gnu-r", "cli-mono",
    "interpreters", "vcs", "fonts", "x11", "zope", "httpd", "embedded",
}


# ---------------------------------------------------------------- reading ---

def read_text(path):
    """Return the decompressed content of an apt list file as text."""
    if path.endswith(".lz4"):
        lz4 = shutil.which("lz4")
        if lz4:
            cmd = [lz4, "-dc", path]
        else:
            cmd = ["/usr/lib/apt/apt-helper", "cat-file", path]
        data = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    elif path.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            data = f.read()
    elif path.endswith(".xz"):
        with lzma.open(path, "rb") as f:
            data = f.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    return data.decode("utf-8", errors="replace")


def stanzas(text):
    """Parse deb822 text into dicts; continuation lines kept with their '\\n'."""
    for block in re.split(r"\n\s*\n", text):
        fields = {}
        key = None
        for line in block.split("\n"):
            if not line:
                continue
            if line[0] in " \t":
                if key is not None:
                    fields[key] += "\n" + line
                continue
            k, sep, v = line.partition(":")
            if not sep:
                continue
            key = k.strip()
            fields[key] = v.strip()
        if fields:
            yield fields


def list_files(lists_dir, kind):
    """Sorted list files of one kind ("Packages" or "Translation-en")."""
    paths = set()
    for pattern in ("*_%s" % kind, "*_%s.*" % kind):
        for p in glob.glob(os.path.join(lists_dir, pattern)):
            if p.endswith((".diff_Index", ".IndexDiff")) or ".diff" in p:
                continue
            paths.add(p)
    return sorted(paths)


# ------------------------------------------------- Debian version compare ---

def _order(c):
    if c == "~":
        return -1
    if c.isdigit():
        return 0
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def _cmp_part(a, b):
    """dpkg's verrevcmp for an upstream version or revision string."""
    i = j = 0
    while i < len(a) or j < len(b):
        first_diff = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = _order(a[i]) if i < len(a) else 0
            bc = _order(b[j]) if j < len(b) else 0
            if ac != bc:
                return ac - bc
            i += 1
            j += 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and a[i].isdigit() and j < len(b) and b[j].isdigit():
            if not first_diff:
                first_diff = ord(a[i]) - ord(b[j])
            i += 1
            j += 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if first_diff:
            return first_diff
    return 0


def _split_version(v):
    epoch, _, rest = v.partition(":") if ":" in v else ("0", "", v)
    upstream, _, revision = rest.rpartition("-") if "-" in rest else (rest, "", "")
    return int(epoch or 0), upstream, revision


def version_cmp(a, b):
    ea, ua, ra = _split_version(a)
    eb, ub, rb = _split_version(b)
    if ea != eb:
        return ea - eb
    return _cmp_part(ua, ub) or _cmp_part(ra, rb)


# ------------------------------------------------------------------- text ---

def one_line(description):
    """Short + long description on one line, without ' .' paragraph marks."""
    parts = []
    for line in description.split("\n"):
        s = line.strip()
        if s == ".":
            continue
        parts.append(s)
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def truncate(text, limit=MAX_CHARS):
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else text[:limit]
    return cut.rstrip(" ,;:-")


def spread(items, k):
    n = len(items)
    if n <= k:
        return list(items)
    return [items[(i * n) // k] for i in range(k)]


# ------------------------------------------------------------------- main ---

def load_records(lists_dir):
    packages = list_files(lists_dir, "Packages")
    if packages:
        sources = [(p, read_text(p)) for p in packages]
    else:
        print("no *_Packages lists in %s; using apt-cache dumpavail" % lists_dir,
              file=sys.stderr)
        out = subprocess.run(["apt-cache", "dumpavail"], check=True,
                             stdout=subprocess.PIPE).stdout
        sources = [("apt-cache dumpavail", out.decode("utf-8", errors="replace"))]

    long_by_md5 = {}
    for p in list_files(lists_dir, "Translation-en"):
        for st in stanzas(read_text(p)):
            md5 = st.get("Description-md5")
            desc = st.get("Description-en")
            if md5 and desc and md5 not in long_by_md5:
                long_by_md5[md5] = desc

    best = {}
    n_long = 0
    for _, text in sources:
        for st in stanzas(text):
            name = st.get("Package")
            section = st.get("Section")
            desc = st.get("Description")
            if not (name and section and desc):
                continue
            if "\n" not in desc and st.get("Description-md5") in long_by_md5:
                desc = long_by_md5[st["Description-md5"]]
            rec = (st.get("Version", "0"), section.rsplit("/", 1)[-1].strip(), desc)
            old = best.get(name)
            if old is None or version_cmp(rec[0], old[0]) > 0:
                best[name] = rec
    for _, (_, _, desc) in best.items():
        if "\n" in desc:
            n_long += 1
    return best, n_long, len(long_by_md5)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lists", default=DEFAULT_LISTS)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    best, n_long, n_trans = load_records(args.lists)
    counts = collections.Counter(sec for _, sec, _ in best.values())
    sections = SECTIONS
    missing = [s for s in SECTIONS if counts[s] == 0]
    if missing:
        ranked = sorted((s for s in counts if s not in NON_CONTENT_SECTIONS),
                        key=lambda s: (-counts[s], s))
        sections = ranked[:len(SECTIONS)]
        print("sections %s not in the lists; using the largest non-library "
              "sections instead: %s" % (", ".join(missing), ", ".join(sections)),
              file=sys.stderr)

    wanted = set(sections)
    seen_text = set()
    by_section = collections.defaultdict(list)
    for name in sorted(best):
        _, sec, desc = best[name]
        if sec not in wanted:
            continue
        text = truncate(one_line(desc))
        if not text or text in seen_text:
            continue
        seen_text.add(text)
        by_section[sec].append((name, text))

    rows = []
    for sec in sorted(sections):
        chosen = spread(by_section[sec], PER_SECTION)
        rows.extend((name, text, sec) for name, text in chosen)

    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["package", "description", "section"])
        w.writerows(rows)
    print("packages read: %d (with long description: %d; Translation-en "
          "entries: %d)" % (len(best), n_long, n_trans), file=sys.stderr)
    for sec in sorted(sections):
        print("  %-10s packages %5d, unique texts %5d, kept %4d"
              % (sec, counts[sec], len(by_section[sec]),
                 min(len(by_section[sec]), PER_SECTION)), file=sys.stderr)
    print("wrote %s: %d rows" % (out, len(rows)))


if __name__ == "__main__":
    main()
