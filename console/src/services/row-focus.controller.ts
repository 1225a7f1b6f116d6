import type { ReactiveController } from 'lit';
import { BusyFocusController, type FocusHost, focusLost } from './busy-focus.controller.js';

/** The attribute every row's focusable items carry: the row's key (a consultation's id, say). */
const ROW = 'data-row';

/** Where the focused row sat among the rows, kept from before the render that removed it. */
interface Place {
  readonly key: string;
  /** The rows after it, nearest first, then the rows before it, nearest first. */
  readonly neighbours: readonly string[];
}

/** What a list tells its {@link RowFocusController}. */
export interface RowFocusOptions {
  /** A request is on its way and the rows' buttons are disabled (they cannot take the focus till it ends). */
  busy: () => boolean;
  /** Where the focus goes when no row is left: the list's heading (with tabindex="-1"), say. */
  empty: () => HTMLElement | null;
}

/**
 * Keeps her keyboard in a list whose rows come and go under it: a queue entry someone took, an
 * offer accepted or withdrawn, an appointment whose buttons changed with its status. Each row's
 * buttons carry `data-row` (the row's key). While the request a row's button started is on its
 * way, a {@link BusyFocusController} gives that same button back if it is still there (a refusal).
 * When the button she was on left the page instead, the focus goes, once the buttons are enabled
 * again, to what she would reach next: the same row's first button when only its buttons changed,
 * else the next row's (or the one before, at the end), else `empty()` — never to the page's top.
 * It acts only when the focus was lost: a view that moves it on purpose (a taken chat opening)
 * keeps its move, whichever of the two runs first.
 */
export class RowFocusController implements ReactiveController {
  /** The row button that last took the focus in the host; forgotten when she focuses anything else. */
  private item: HTMLElement | null = null;
  private place: Place | null = null;

  constructor(
    private readonly host: FocusHost,
    private readonly options: RowFocusOptions,
  ) {
    // Added first, so it gives back the same button before this looks for another.
    new BusyFocusController(host, options.busy);
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('focusin', this.onFocusIn, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('focusin', this.onFocusIn, true);
  }

  hostUpdate(): void {
    // Before the render that may remove it: where it sits among the rows now.
    if (this.item?.isConnected) this.place = this.placeOf(this.item);
  }

  hostUpdated(): void {
    const item = this.item;
    if (!item || item.isConnected || !this.place || this.options.busy() || !focusLost()) return;
    const next = this.target(this.place);
    this.item = null;
    this.place = null;
    next?.focus();
  }

  /** A disabled button or a removed one fires no focusin: so only her own moves get here. */
  private readonly onFocusIn = (e: FocusEvent): void => {
    const target = e.composedPath()[0];
    const ours = target instanceof HTMLElement && target.hasAttribute(ROW) && this.root().contains(target);
    this.item = ours ? target : null;
    this.place = ours ? this.placeOf(target) : null;
  };

  /** The host's shadow root (an empty fragment before its first render). */
  private root(): ParentNode & Node {
    return this.host.shadowRoot ?? document.createDocumentFragment();
  }

  /** The rows' enabled buttons, in page order. */
  private items(): HTMLElement[] {
    return [...this.root().querySelectorAll<HTMLElement>(`[${ROW}]:not(:disabled)`)];
  }

  private placeOf(item: HTMLElement): Place {
    const key = item.getAttribute(ROW) ?? '';
    const keys = [...new Set([...this.root().querySelectorAll(`[${ROW}]`)].map((el) => el.getAttribute(ROW) ?? ''))];
    const at = keys.indexOf(key);
    return { key, neighbours: [...keys.slice(at + 1), ...keys.slice(0, Math.max(0, at)).reverse()] };
  }

  private target({ key, neighbours }: Place): HTMLElement | null {
    const items = this.items();
    for (const k of [key, ...neighbours]) {
      const found = items.find((el) => el.getAttribute(ROW) === k);
      if (found) return found;
    }
    return this.options.empty();
  }
}
