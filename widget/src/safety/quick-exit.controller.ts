import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveExitUrl } from '../hours-status.js';
import { ShiftCounter } from './shift-counter.js';

export interface QuickExitOptions {
  /** True while the widget is open or a consultation is live (only then does Shift × 3 count). */
  active: () => boolean;
  /** The `exit-url` attribute. */
  exitUrl: () => string | null;
  /** The screen-reader text for the n-th Shift press, in her language. */
  countText: (n: number) => string;
  /** Synchronously hide every piece of content and reset the UI. */
  hide: () => void;
  /** Tell the server she left, close the socket and wipe (the controller's `quickExit`). */
  wipe: () => Promise<void>;
  /** Back from the exit page through the browser's cache: show an empty widget again. */
  restoreEmpty: () => void;
}

/**
 * Quick exit, after GOV.UK's "Exit this page": the button, or Shift pressed three times within
 * five seconds (the counting is {@link ShiftCounter}'s). Content is hidden at once, everything is
 * wiped, the server is told (briefly), then `location.replace` to a neutral page, so Back does
 * not return to the chat.
 */
export class QuickExitController implements ReactiveController {
  /** The screen-reader status while she presses Shift. */
  statusText = '';
  /** Leaving now: nothing may render. */
  exiting = false;
  private readonly shift = new ShiftCounter();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: QuickExitOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey, true);
    window.addEventListener('keyup', this.onKey, true);
    window.addEventListener('pageshow', this.onPageShow);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey, true);
    window.removeEventListener('keyup', this.onKey, true);
    window.removeEventListener('pageshow', this.onPageShow);
  }

  /** Forget any Shift presses (after a reset of the widget). */
  reset(): void {
    this.shift.reset();
    this.statusText = '';
    this.host.requestUpdate();
  }

  /** Hide everything at once, wipe, tell the server (briefly), and leave without a history entry. */
  readonly exit = async (): Promise<void> => {
    if (this.exiting) return;
    this.exiting = true;
    // Synchronous: the content disappears before anything else happens.
    this.host.setAttribute('data-exiting', '');
    const target = resolveExitUrl(this.options.exitUrl(), location.href);
    this.options.hide();
    this.reset();
    await this.options.wipe();
    // The page she leaves must not be named to the page she lands on: without this the neutral
    // site would receive the NPO's address as the referrer (the host page's own policy applies).
    const noReferrer = document.createElement('meta');
    noReferrer.name = 'referrer';
    noReferrer.content = 'no-referrer';
    document.head.append(noReferrer);
    location.replace(target);
  };

  private readonly onKey = (e: KeyboardEvent): void => {
    if (!this.options.active() || this.exiting) return;
    const r = this.shift.handle({ type: e.type === 'keyup' ? 'keyup' : 'keydown', key: e.key, repeat: e.repeat });
    if (r.kind === 'count') this.statusText = this.options.countText(r.count);
    else if (r.kind === 'reset') this.statusText = '';
    else if (r.kind === 'exit') void this.exit();
    this.host.requestUpdate();
  };

  private readonly onPageShow = (e: PageTransitionEvent): void => {
    if (!e.persisted) return;
    this.exiting = false;
    this.host.removeAttribute('data-exiting');
    this.options.restoreEmpty();
    this.reset();
  };
}
