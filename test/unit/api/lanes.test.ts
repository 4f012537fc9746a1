import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lane } from '../../../src/api/lanes.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode } from '../../support/errors.js';

const never = new AbortController().signal;

describe('Lane', () => {
  it('runs at most its capacity at once and starts waiting operations in arrival order', async () => {
    const lane = new Lane('heavy', 2, 10);
    const first = await lane.enter(never);
    await lane.enter(never);
    const started: string[] = [];
    const third = lane.enter(never).then((release) => (started.push('third'), release));
    const fourth = lane.enter(never).then((release) => (started.push('fourth'), release));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, []);
    assert.equal(lane.active, 2);
    first();
    first(); // a second call gives nothing back twice
    await third;
    assert.deepEqual(started, ['third']);
    assert.equal(lane.active, 2);
    (await third)();
    await fourth;
    assert.deepEqual(started, ['third', 'fourth']);
  });

  it('refuses with LIMIT_EXCEEDED when maxQueued operations already wait', async () => {
    const lane = new Lane('heavy', 1, 1);
    await lane.enter(never);
    void lane.enter(never);
    await assertRejectsCode(lane.enter(never), ErrorCode.LIMIT_EXCEEDED, /1 heavy operations are already waiting, the maximum \(maxQueued\)/);
  });

  it('drops a waiting operation whose signal aborts, with the signal\'s reason, and keeps its place for the next', async () => {
    const lane = new Lane('heavy', 1, 5);
    const release = await lane.enter(never);
    const controller = new AbortController();
    const abandoned = lane.enter(controller.signal);
    const next = lane.enter(never);
    controller.abort(new Error('budget spent'));
    await assert.rejects(abandoned, /budget spent/);
    release();
    await next;
    assert.equal(lane.active, 1);
  });
});
