#!/usr/bin/env python3
"""A corpus root of sources that ../shared/corpus does not have, for checking the reference
decoder's settings on audio they were not chosen on (docs/reference-decoder.md, "Choosing the
settings"): espeak-ng speech in 3 voices, synthetic events (gated tonal beeps, low-passed decaying
noise knocks, 1-4 ms clicks, chirps) and a pink-noise background, all 24 kHz mono 16-bit, laid out
as the corpus's make_mixtures.py reads a root (speech/<speaker>/, events/<class>/, background/).

Usage: python3 make-synthetic-sources.py [--pink-from-dc] OUT_DIR
(--pink-from-dc: leave out the background's 20 Hz high-pass, giving 1/f noise down to 0.025 Hz,
as in the first set this was run on; see "Sub-bass" in docs/reference-decoder.md)
Needs python3 with numpy and scipy, and espeak-ng (apt-get install espeak-ng). Deterministic for a
given espeak-ng version (fixed seed). Then:
  python3 ../shared/corpus/make_mixtures.py --seed 31337 --n 20 --root OUT_DIR --out MIX_DIR
"""
import os
import subprocess
import sys
import tempfile
import wave
from math import gcd

import numpy as np
from scipy.signal import resample_poly

SR = 24000

TEXTS = [
    "The quick brown fox jumps over the lazy dog while the kettle starts to whistle in the kitchen.",
    "Please read the numbers back to me slowly: four, nine, seventeen, and twenty two.",
    "On a cold morning the station was almost empty, and the last train left without a sound.",
    "Measure twice and cut once, my grandfather used to say, before he went back to his workshop.",
]

# (espeak-ng voice, speaker folder, extra arguments)
VOICES = [
    ("en-us", "espeak-us", []),
    ("en-gb-scotland", "espeak-scot", ["-p", "70"]),
    ("en-gb-x-rp", "espeak-rp", ["-s", "150"]),
]


def write_wav(path, x):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pcm = np.round(np.clip(x, -1.0, 32767.0 / 32768.0) * 32768.0).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())


def speech(root):
    with tempfile.TemporaryDirectory() as tmp:
        spoken = os.path.join(tmp, "spoken.wav")
        for voice, speaker, extra in VOICES:
            for i, text in enumerate(TEXTS):
                subprocess.run(["espeak-ng", "-v", voice, *extra, "-w", spoken, text], check=True)
                with wave.open(spoken) as w:
                    rate = w.getframerate()
                    x = np.frombuffer(w.readframes(w.getnframes()), "<i2") / 32768.0
                g = gcd(SR, rate)
                y = resample_poly(x, SR // g, rate // g)
                write_wav(os.path.join(root, "speech", speaker, f"{speaker}__{i:02d}.wav"), 0.7 * y / np.max(np.abs(y)))


def times(seconds):
    return np.arange(int(seconds * SR)) / SR


def events(root, rng):
    for i in range(6):
        d, f = rng.uniform(0.4, 1.2), rng.uniform(600, 3200)
        t = times(d)
        gate = np.sin(2 * np.pi * rng.uniform(3, 8) * t) > 0
        fade = np.minimum(1, np.minimum(t, d - t) / 0.005)
        write_wav(os.path.join(root, "events", "beep", f"beep__{i:02d}.wav"), 0.5 * np.sin(2 * np.pi * f * t) * gate * fade)
    for i in range(6):
        t = times(rng.uniform(0.15, 0.4))
        noise = np.convolve(rng.standard_normal(len(t)), np.ones(int(rng.uniform(3, 30))) / 10, "same")
        x = noise * np.exp(-t / rng.uniform(0.02, 0.08))
        write_wav(os.path.join(root, "events", "knock", f"knock__{i:02d}.wav"), 0.8 * x / np.max(np.abs(x)))
    for i in range(6):
        x = np.zeros(len(times(0.12)))
        for _ in range(int(rng.integers(1, 4))):
            at, length = int(rng.uniform(0, 0.08) * SR), int(rng.uniform(0.001, 0.004) * SR)
            x[at : at + length] += rng.standard_normal(length) * np.exp(-np.arange(length) / (length / 4))
        write_wav(os.path.join(root, "events", "click", f"click__{i:02d}.wav"), 0.9 * x / np.max(np.abs(x)))
    for i in range(6):
        d, f0, f1 = rng.uniform(0.5, 1.0), rng.uniform(300, 800), rng.uniform(2000, 6000)
        t = times(d)
        phase = 2 * np.pi * (f0 * t + (f1 - f0) * t**2 / (2 * d))
        write_wav(os.path.join(root, "events", "chirp", f"chirp__{i:02d}.wav"), 0.5 * np.sin(phase) * np.hanning(len(t)))


def background(root, rng, from_dc):
    white = np.fft.rfft(rng.standard_normal(SR * 40))
    white[1:] /= np.sqrt(np.arange(1, len(white)))
    if not from_dc:
        # A recording chain's high-pass (2nd-order Butterworth magnitude at 20 Hz): 1/f noise down
        # to 0.025 Hz puts 16-43 % of a mixture's power below 20 Hz, which no microphone delivers.
        f = np.fft.rfftfreq(SR * 40, 1 / SR)
        white *= np.sqrt(f**4 / (f**4 + 20.0**4))
    pink = np.fft.irfft(white, SR * 40)
    write_wav(os.path.join(root, "background", "pink_noise.wav"), 0.3 * pink / np.max(np.abs(pink)))


def main():
    args = [a for a in sys.argv[1:] if a != "--pink-from-dc"]
    if len(args) != 1:
        sys.exit("usage: make-synthetic-sources.py [--pink-from-dc] OUT_DIR")
    root = args[0]
    rng = np.random.default_rng(4242)
    speech(root)
    events(root, rng)
    background(root, rng, "--pink-from-dc" in sys.argv[1:])
    print(f"wrote {root}: speech/ ({len(VOICES)} voices), events/ (beep, knock, click, chirp), background/")


if __name__ == "__main__":
    main()
