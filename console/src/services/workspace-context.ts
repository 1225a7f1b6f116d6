import type { StaffSession } from '@tsunagari/shared';
import type { ReactiveControllerHost } from 'lit';
import { ja } from '../i18n/ja.js';
import * as store from '../state/chats.js';
import { shortLabel } from '../state/queue.js';
import type { StaffCrypto } from './staff-crypto.js';
import type { StaffTrust } from './staff-trust.js';
import type { RequestError, StaffSocketController } from './staff-socket.controller.js';

/** A refusal in her words. */
export const errorText = (code: RequestError | 'CRYPTO'): string => ja.errors[code];

/** A chat's name as the screen and the live region say it. */
export const chatLabel = (id: string): string => ja.chat.title(shortLabel(id));

/**
 * Holds the workspace's one immutable {@link store.ConsoleState}. Every controller reads and
 * replaces it here, so they all see the same model; replacing it re-renders the host.
 */
export class ConsoleStore {
  private current: store.ConsoleState = store.emptyState;

  constructor(private readonly host: ReactiveControllerHost) {}

  get model(): store.ConsoleState {
    return this.current;
  }

  set model(next: store.ConsoleState) {
    // Same check a Lit @state makes: no render for an unchanged model.
    if (next === this.current) return;
    this.current = next;
    this.host.requestUpdate();
  }
}

/**
 * What the workspace's controllers share, built once by the workspace element. Session and
 * crypto are functions because the element's properties are set after it is constructed.
 */
export interface WorkspaceContext {
  /** The workspace element: controllers re-render it and wait for its updates. */
  readonly host: ReactiveControllerHost;
  /** Requests, and subscriptions to the pushes each controller handles (bound to `host`). */
  readonly socket: Pick<StaffSocketController, 'request' | 'listen'>;
  readonly store: ConsoleStore;
  session(): StaffSession;
  /** Her unlocked keys. While {@link locked}, wiped: nothing may be opened or sealed with them. */
  crypto(): StaffCrypto;
  /** The pinned organisation key and the newest verified revocation list. */
  trust(): StaffTrust;
  /** The idle lock is on: her keys are wiped until she types her password again. */
  locked(): boolean;
  /** Speaks through the workspace's polite live region. */
  announce(text: string): void;
}

/**
 * What the workspace's controllers have in common: the shared model, read and replaced through the
 * store, and a re-render of the workspace for fields of their own that its template reads.
 */
export abstract class WorkspacePart {
  constructor(protected readonly ctx: WorkspaceContext) {}

  protected get model(): store.ConsoleState {
    return this.ctx.store.model;
  }

  protected set model(next: store.ConsoleState) {
    this.ctx.store.model = next;
  }

  protected update(): void {
    this.ctx.host.requestUpdate();
  }
}
