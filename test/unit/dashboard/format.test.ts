import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseName, clock, fixed, hours } from '../../../src/dashboard/format.js';

describe('dashboard formats', () => {
  it('writes times as m:ss.s, with hours past the hour', () => {
    assert.deepEqual([clock(0), clock(9.74), clock(63.26), clock(3600), clock(3725.5), clock(-1)], ['0:00.0', '0:09.7', '1:03.3', '1:00:00.0', '1:02:05.5', '0:00.0']);
    assert.deepEqual([clock(59.96), clock(3599.97), clock(119.999, 2)], ['1:00.0', '1:00:00.0', '2:00.00'], 'rounding carries into the minutes and hours');
    assert.deepEqual([clock(0.96, 2), clock(1.04, 2), clock(61, 0)], ['0:00.96', '0:01.04', '1:01']);
  });

  it('shows missing figures as a dash and durations in minutes or hours', () => {
    assert.deepEqual([fixed(null), fixed(Number.NaN), fixed(0.12345)], ['–', '–', '0.123']);
    assert.deepEqual([hours(72), hours(360), hours(3599), hours(5400)], ['1.2 min', '6.0 min', '60.0 min', '1.50 h']);
  });

  it('takes the last segment of a path, either separator', () => {
    assert.deepEqual([baseName('/data/a/b.wav'), baseName('C:\\x\\y.flac'), baseName('z.mp3')], ['b.wav', 'y.flac', 'z.mp3']);
  });
});
