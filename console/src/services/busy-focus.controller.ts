import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A host whose shadow root holds the buttons it disables while busy. */
export type FocusHost = ReactiveControllerHost & HTMLElement;

/**
 * The focus went nowhere: the element that had it was disabled or taken off the page, and the
 * browser left it on the body — or has yet to: Chromium 156 leaves it on the disabled element
 * until its next rendering step (the HTML standard's focus fixup rule), where 150 moved it at
 * once. Focus she moved on purpose (into another element) is never lost.
 */
export function focusLost(): boolean {
  let active = document.activeElement;
  if (active === null || active === document.body) return true;
  while (active.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as Partial<HTMLButtonElement>).disabled === true || !active.isConnected;
}

/**
 * Keeps her keyboard where it was across a request. A form disables its pressed button while the
 * request is on its way, and a disabled button loses the focus to the page's body: after the
 * answer her next Tab would start from the top of the page and Escape or Enter would reach nothing.
 * When `busy()` turns true this remembers what had the focus in the host; when it turns false
 * again and the focus is still lost, it gives it back (if that element is still on the page). A
 * form that moves the focus itself afterwards (to a field to correct) does so after this.
 */
export class BusyFocusController implements ReactiveController {
  private wasBusy = false;
  private focused: HTMLElement | null = null;

  constructor(
    private readonly host: FocusHost,
    private readonly busy: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const busy = this.busy();
    // Before the render that disables it: the element that has the focus still has it.
    if (busy && !this.wasBusy) this.focused = (this.host.shadowRoot?.activeElement as HTMLElement | null) ?? null;
  }

  hostUpdated(): void {
    const busy = this.busy();
    if (!busy && this.wasBusy) {
      const back = this.focused;
      this.focused = null;
      if (back?.isConnected && focusLost()) back.focus();
    }
    this.wasBusy = busy;
  }
}
