import { describe, expect, it } from 'vitest';
import { KeyedSerial } from './serial.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerial', () => {
  it("starts a key's next task only once the one before lets go, early or by ending; other keys run freely", async () => {
    const order = new KeyedSerial();
    const started: string[] = [];
    let finishFirst = (): void => undefined;
    let letFirstGo = (): void => undefined;
    const first = order.run('a', (letGo) => {
      started.push('a1');
      letFirstGo = letGo;
      return new Promise<void>((resolve) => (finishFirst = resolve));
    });
    const second = order.run('a', async () => void started.push('a2'));
    const other = order.run('b', async () => void started.push('b1'));
    await turn();
    expect(started).toEqual(['a1', 'b1']);
    // Let go early (its message is queued): the next starts while the first still waits for its commit.
    letFirstGo();
    await second;
    expect(started).toEqual(['a1', 'b1', 'a2']);
    finishFirst();
    await Promise.all([first, other]);
    await turn();
    expect(order.size).toBe(0);
  });

  it('a task that fails lets the next one go, and the failure reaches only its own caller', async () => {
    const order = new KeyedSerial();
    const failed = order.run('a', async () => {
      throw new Error('refused');
    });
    const next = order.run('a', async () => 'stored');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('stored');
  });
});
