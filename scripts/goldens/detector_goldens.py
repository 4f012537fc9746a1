#!/usr/bin/env python3
"""Golden outputs of the guide's numpy detectors, for test/unit/analytics/detectors/detector-goldens.test.ts.

Runs the guide's own numpy code (§4.2 key-layer variance, §5.1 inter-layer std, both with the
95th-percentile rule) on real Qwen3-TTS-Tokenizer-12Hz matrices from ../shared/qwen-codes and on
synthetic matrices generated here, and writes one JSON file per matrix to test/golden/detectors/.

The real matrices' codes are NOT written (their repositories state no licence): a golden names
the file, the 1-based line and the sha256 of the matrix's canonical bytes (frame-major,
little-endian uint16), and the test reads the codes from ../shared at test time. Synthetic
matrices are ours, so their tokens are stored in the golden.

It also writes test/golden/percentile.json: np.percentile on generated arrays, checked bit for bit.

Usage (from the repository root):  python3 scripts/goldens/detector_goldens.py [shared-dir]
Needs python3 and numpy; floats are written with repr, so they parse back to the same doubles.
"""
import hashlib
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TOKENSCOPE_SHARED", os.path.join(ROOT, "..", "shared"))
OUT = os.path.join(ROOT, "test", "golden", "detectors")
PERCENTILE = 95


def key_layer_variance(codes):
    """The guide §4.2, verbatim apart from names: codes is 16 x N (layer-major)."""
    key_layers = codes[9:14]  # indices 9..13 = layers 10..14
    variance_curve = np.var(key_layers, axis=0)
    threshold = np.percentile(variance_curve, PERCENTILE)
    frames = np.where(variance_curve > threshold)[0]
    return {"layers": [10, 11, 12, 13, 14], "scores": variance_curve, "threshold": threshold, "frames": frames}


def inter_layer_spread(codes):
    """The guide §5.1 (np.std over all 16 layers) with the §4.2 percentile rule."""
    spread = np.std(codes, axis=0)
    threshold = np.percentile(spread, PERCENTILE)
    frames = np.where(spread > threshold)[0]
    return {"layers": list(range(1, 17)), "scores": spread, "threshold": threshold, "frames": frames}


def anomalies(scores, frames):
    """Runs of consecutive flagged frames; the peak is the first maximum (np.argmax)."""
    runs, flagged = [], set(int(f) for f in frames)
    f, n = 0, len(scores)
    while f < n:
        if f not in flagged:
            f += 1
            continue
        start = f
        while f < n and f in flagged:
            f += 1
        peak = start + int(np.argmax(scores[start:f]))
        runs.append({"startFrame": start, "endFrame": f, "peakFrame": peak, "score": float(scores[peak])})
    return runs


def detector_golden(result):
    return {
        "layers": result["layers"],
        "percentile": PERCENTILE,
        "scores": [float(s) for s in result["scores"]],
        "threshold": float(result["threshold"]),
        "flaggedFrames": [int(f) for f in result["frames"]],
        "anomalies": anomalies(result["scores"], result["frames"]),
    }


def sha256_of(frame_major):
    return hashlib.sha256(np.ascontiguousarray(frame_major, dtype="<u2").tobytes()).hexdigest()


def golden(frame_major, source):
    frame_major = np.asarray(frame_major, dtype=np.int64)
    assert frame_major.ndim == 2 and frame_major.shape[1] == 16
    assert frame_major.min() >= 0 and frame_major.max() <= 2047
    codes = frame_major.T  # the official N x 16 -> the guide's 16 x N
    source = dict(source, frames=int(frame_major.shape[0]), sha256=sha256_of(frame_major))
    return {
        "source": source,
        "keyLayerVariance": detector_golden(key_layer_variance(codes)),
        "interLayerSpread": detector_golden(inter_layer_spread(codes)),
    }


class Lcg:
    """32-bit LCG (Numerical Recipes constants); a token is the top 11 bits of the state."""

    def __init__(self, seed):
        self.state = seed % 2**32

    def token(self):
        self.state = (self.state * 1664525 + 1013904223) % 2**32
        return self.state >> 21


def synthetic_uniform():
    rng = Lcg(1)
    return [[rng.token() for _ in range(16)] for _ in range(200)]


def synthetic_ties():
    """Tokens 0..2 and every 4th frame constant: many equal scores, zeros, ties at the threshold."""
    rng = Lcg(2)
    return [[7] * 16 if f % 4 == 0 else [rng.token() % 3 for _ in range(16)] for f in range(120)]


def synthetic_bursts():
    """Quiet baseline (tokens 1000..1007) with wide bursts, one a single frame, one at the very end."""
    rng = Lcg(3)
    bursts = set(range(40, 43)) | {120} | set(range(200, 206)) | set(range(244, 250))
    return [
        [rng.token() if f in bursts else 1000 + rng.token() % 8 for _ in range(16)] for f in range(250)
    ]


def synthetic_one_frame():
    rng = Lcg(4)
    return [[rng.token() for _ in range(16)]]


def percentile_cases():
    """np.percentile on LCG-made float arrays (with ties, negatives, one-element) at awkward q."""
    rng = Lcg(5)
    qs = [0, 5, 12.5, 25, 33.3, 50, 66.7, 90, 95, 99, 99.9, 100]
    cases = []
    for n in [1, 2, 3, 4, 5, 7, 10, 13, 20, 22, 59, 73, 101]:
        for variant in range(3):
            if variant == 0:  # many ties: small integer range scaled by an inexact factor
                values = [(rng.token() % 5) * 0.1 for _ in range(n)]
            elif variant == 1:  # wide values with decimals
                values = [(rng.token() - 1024) * 3.7 / 7 for _ in range(n)]
            else:  # variance-like values: mean squared deviations of 5 tokens
                rows = [[rng.token() for _ in range(5)] for _ in range(n)]
                values = [float(v) for v in np.var(np.array(rows, dtype=np.int64), axis=1)]
            expected = [float(np.percentile(values, q)) for q in qs]
            cases.append({"values": values, "q": qs, "expected": expected})
    return cases


def read_line(path, line_number):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if number == line_number:
                return json.loads(line)["audio_codes"]
    raise SystemExit(f"{path} has no line {line_number}")


def longest_line(path):
    with open(path, encoding="utf-8") as f:
        lengths = [len(json.loads(line)["audio_codes"]) for line in f]
    return int(np.argmax(lengths)) + 1


def write(name, data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"wrote {name}.json: {data['source']['frames']} frames")


def main():
    codes_dir = os.path.join(SHARED, "qwen-codes")
    qinche = "qinche_train_with_codes.jsonl"
    real = [
        ("windows-line-1", "windows_train_with_codes.jsonl", 1),
        ("smvad-line-1", "smvad_train_with_codes.jsonl", 1),
        ("qinche-line-1", qinche, 1),
    ]
    longest = longest_line(os.path.join(codes_dir, qinche))
    real.append((f"qinche-line-{longest}", qinche, longest))
    for name, file, line in real:
        matrix = read_line(os.path.join(codes_dir, file), line)
        write(name, golden(matrix, {"kind": "qwen-codes", "file": file, "line": line}))

    synthetic = [
        ("synthetic-uniform", synthetic_uniform, "uniform tokens, LCG seed 1"),
        ("synthetic-ties", synthetic_ties, "tokens 0..2, every 4th frame constant 7 (ties, zeros), LCG seed 2"),
        ("synthetic-bursts", synthetic_bursts, "baseline 1000..1007, bursts at 40-42, 120, 200-205, 244-249, LCG seed 3"),
        ("synthetic-one-frame", synthetic_one_frame, "a single frame, LCG seed 4"),
    ]
    for name, make, description in synthetic:
        matrix = make()
        data = golden(matrix, {"kind": "synthetic", "description": description})
        data["source"]["tokens"] = [t for row in matrix for t in row]  # frame-major
        write(name, data)

    cases = percentile_cases()
    with open(os.path.join(ROOT, "test", "golden", "percentile.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "np.percentile(values, q), numpy " + np.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"wrote percentile.json: {len(cases)} arrays")


if __name__ == "__main__":
    main()
