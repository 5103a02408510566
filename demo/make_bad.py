#!/usr/bin/env python3
"""Regenerate demo/bad/: deliberately broken inputs for newsloom's
error-handling demo and tests. Deterministic (fixed seed, gzip mtime=0):
re-running it gives the same files, except that the gzip bytes of
truncated.jsonl.gz may differ with another zlib build.
Usage: python3 demo/make_bad.py"""
import gzip, json, os, random

OUT = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, "bad"), exist_ok=True)

BAD = os.path.join(OUT, "bad")
open(os.path.join(BAD, "empty.txt"), "wb").close()

rng = random.Random(20250304)
blob = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(480))
blob += b"\x00" * 16 + b"newsloom-not-text\x00\xff\xfe"
with open(os.path.join(BAD, "binary.txt"), "wb") as f:
    f.write(blob)

latin1 = "Færgen til Ærø er aflyst\n\nFærgen mellem Svendborg og Ærøskøbing er aflyst på grund af storm, oplyser det lille rederi Ø-Linjen.\n"
with open(os.path.join(BAD, "latin1.txt"), "wb") as f:
    f.write(latin1.encode("iso-8859-1"))

good1 = {"id": "bad-001", "title": "Library in Aalborg reopens after renovation",
         "text": "The fictional Vesterbro Reading House in Aalborg reopened on Saturday after a fourteen-month renovation, its director Birthe Holm said. The building now has a children's floor and a roof terrace.",
         "date": "2025-03-01T10:00:00Z", "lang": "en", "source": "Harbour Post",
         "url": "https://harbourpost.example/2025/03/01/aalborg-library-reopens",
         "event": "library-reopening", "story": "library-story"}
good3 = {"id": "bad-003", "title": "Cycle bridge in Ghent opens to the public",
         "text": "A new cycle bridge over the Leie in Ghent opened on Monday, two years late. City engineer Pieter Van Daele said the fictional Meersbrug would carry 9,000 cyclists a day.",
         "date": "2025-03-03T09:00:00Z", "lang": "en", "source": "Wireline News Agency",
         "url": "https://wireline.example/2025/03/03/ghent-cycle-bridge",
         "event": "bridge-opening", "story": "bridge-story"}
with open(os.path.join(BAD, "broken.jsonl"), "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps(good1, ensure_ascii=False) + "\n")
    f.write('{"id": "x", "text": \n')
    f.write(json.dumps(good3, ensure_ascii=False) + "\n")

full = gzip.compress((json.dumps(good1, ensure_ascii=False) + "\n" +
                      json.dumps(good3, ensure_ascii=False) + "\n").encode("utf-8"),
                     compresslevel=9, mtime=0)
with open(os.path.join(BAD, "truncated.jsonl.gz"), "wb") as f:
    f.write(full[: len(full) // 2])
