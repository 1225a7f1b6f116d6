import type { QueueEntry } from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { SocketSubscriptions } from './socket-subscriptions.js';

/** A host whose lifecycle the test drives, as Lit drives an element's. */
class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {}
  readonly updateComplete = Promise.resolve(true);
  attach(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  detach(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

const entry = { consultationId: 'c1', queuedAt: '2026-11-30T10:00:00.000Z', urgent: false } as QueueEntry;

describe('SocketSubscriptions', () => {
  it('hands each push to its subscribers, in the order they subscribed, until they unsubscribe', () => {
    const subs = new SocketSubscriptions();
    const heard: string[] = [];
    const offA = subs.on('queue:changed', ({ entries }) => heard.push(`a:${entries.length}`));
    subs.on('queue:changed', () => heard.push('b'));
    subs.on('consultation:released', ({ consultationId }) => heard.push(`released:${consultationId}`));

    subs.emit('queue:changed', [{ entries: [entry] }]);
    subs.emit('consultation:released', [{ consultationId: 'c1' }]);
    offA();
    subs.emit('queue:changed', [{ entries: [] }]);
    subs.emit('appointment:changed', [{}]); // nobody subscribed: nothing happens

    expect(heard).toEqual(['a:1', 'b', 'released:c1', 'b']);
  });

  it('lets a handler unsubscribe while the push is handed out without skipping the next one', () => {
    const subs = new SocketSubscriptions();
    const heard: string[] = [];
    const off = subs.on('connected', () => {
      heard.push('once');
      off();
    });
    subs.on('connected', (first) => heard.push(`always:${first}`));
    subs.emit('connected', [true]);
    subs.emit('connected', [false]);
    expect(heard).toEqual(['once', 'always:true', 'always:false']);
  });

  it('binds a controller\'s handlers to its host: subscribed while attached, not before or after', () => {
    const subs = new SocketSubscriptions();
    const host = new Host();
    const heard: boolean[] = [];
    subs.bind(host, { connected: (first) => heard.push(first) });

    subs.emit('connected', [true]);
    host.attach();
    subs.emit('connected', [true]);
    host.detach();
    subs.emit('connected', [false]);
    host.attach();
    subs.emit('connected', [false]);

    expect(heard).toEqual([true, false]);
  });
});
