import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { RequestBudget } from '../../../src/api/request-budget.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode, assertThrowsCode } from '../../support/errors.js';

describe('RequestBudget', () => {
  // The budget's timer is unref'd (a server's sockets keep the process alive); here nothing else would.
  let keepAlive: ReturnType<typeof setInterval>;
  before(() => {
    keepAlive = setInterval(() => undefined, 1000);
  });
  after(() => clearInterval(keepAlive));

  it('answers work still running when the budget fires with LIMIT_EXCEEDED naming the budget, and aborts the signal', async () => {
    const budget = new RequestBudget(5);
    let finish!: () => void;
    const work = new Promise<void>((resolve) => (finish = resolve));
    const answered = budget.run(() => work);
    await assertRejectsCode(answered, ErrorCode.LIMIT_EXCEEDED, /request ran past its time budget of 5 ms .*TOKENSCOPE_REQUEST_TIMEOUT_MS/);
    assert.ok(budget.signal.aborted);
    let settled = false;
    const allSettled = budget.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'abandoned work is still waited for');
    finish();
    await allSettled;
  });

  it('refuses new work once spent', async () => {
    const budget = new RequestBudget(1);
    await once(budget.signal, 'abort');
    assertThrowsCode(() => budget.run(async () => 1), ErrorCode.LIMIT_EXCEEDED, /time budget of 1 ms/);
  });

  it('never fires without a limit or once stopped', async () => {
    const unlimited = new RequestBudget(null);
    assert.equal(await unlimited.run(async () => 7), 7);
    const stopped = new RequestBudget(1);
    stopped.stop();
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(stopped.signal.aborted, false);
  });
});
