#!/usr/bin/env bash
# Generates the demo corpus in data/demo-audio/ (committed; rerun only to change it):
# espeak-ng speech with synthesised events mixed in, labelled in Audacity label files, saved in
# several formats and rates to exercise the decoders. Needs espeak-ng, flac, lame, vorbis-tools
# (apt-get install espeak-ng flac lame vorbis-tools) and a build (npm run build).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sentences=(
  "The quick brown fox jumps over the lazy dog while the radio plays in the kitchen."
  "Please remember to close the window before you leave the office this evening."
  "Our meeting has been moved to Thursday afternoon at three o'clock in room twelve."
  "The weather forecast says it will rain tomorrow, so bring an umbrella with you."
  "She opened the letter slowly and read every word twice before she put it down."
  "Turn left at the second traffic light and the station will be on your right."
  "Numbers can be tricky: four hundred and twenty seven plus eighty one is five hundred and eight."
  "A good cup of tea needs fresh water, a warm pot and a little patience."
)
voices=(en-us en-gb en-us+f3 en-gb+m3 en-us+m2 en-gb+f2 en-us+f4 en-gb+m5)
for i in "${!sentences[@]}"; do
  espeak-ng -v "${voices[$i]}" -s $((140 + 7 * i)) -w "$work/speech_$i.wav" "${sentences[$i]}"
done
out=data/demo-audio
rm -rf "$out" && mkdir -p "$out"
node dist/scripts/demo/mix-demo-audio.js "$work" "$out"
# Formats and rates: keep some as 24 kHz WAV, turn others into FLAC, MP3 (44.1 kHz) and Ogg Vorbis.
flac -s --best -o "$out/demo_01.flac" "$out/demo_01.wav" && rm "$out/demo_01.wav"
flac -s --best -o "$out/demo_04.flac" "$out/demo_04.wav" && rm "$out/demo_04.wav"
lame --quiet -b 128 --resample 44.1 "$out/demo_02.wav" "$out/demo_02.mp3" && rm "$out/demo_02.wav"
oggenc -Q -q 6 -o "$out/demo_05.ogg" "$out/demo_05.wav" && rm "$out/demo_05.wav"
ls -la "$out"
