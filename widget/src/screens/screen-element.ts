import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Catalogue } from '../i18n/index.js';

/**
 * Base of every screen inside the panel. The host gives it the text catalogue and, when the
 * screen changes, calls {@link focusStart} so that focus (and a screen reader) lands at its top.
 * Screens talk back only through typed events dispatched from the screen element itself, so
 * they bubble inside the widget's shadow root and never reach the host page.
 */
export class ScreenElement extends LitElement {
  /** The UI text catalogue. */
  @property({ attribute: false }) t!: Catalogue;

  /** Moves focus to the screen's heading (`data-focus`; a `tabindex="-1"` heading, no ring). */
  async focusStart(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
  }
}
