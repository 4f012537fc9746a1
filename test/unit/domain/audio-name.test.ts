import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audioName } from '../../../src/domain/audio-name.js';

const line = (sourceLine: number | null, metadata: Record<string, string> = {}, text: string | null = null) => ({ sourcePath: '/data/set/codes.jsonl', sourceLine, metadata, text });

describe('audio names', () => {
  it("names a line of a code file by its audio field's file name, else its id, else its text, else file#line", () => {
    assert.equal(audioName(line(3, { audio: 'wavs/utt_003.wav', id: 'x' }, 'hello')), 'utt_003.wav');
    assert.equal(audioName(line(4, { id: 'spk1-0004' }, 'hello')), 'spk1-0004');
    assert.equal(audioName(line(5, {}, '  The   quick brown fox jumps over the lazy dog again and again ')), 'The quick brown fox jumps over the lazy…');
    assert.equal(audioName(line(6, {}, 'short')), 'short');
    assert.equal(audioName(line(7)), 'codes.jsonl#7');
  });

  it('names a whole file by its file name', () => {
    assert.equal(audioName({ sourcePath: '/data/audio/a.wav', sourceLine: null, metadata: { audio: 'other.wav' }, text: null }), 'a.wav');
  });
});
