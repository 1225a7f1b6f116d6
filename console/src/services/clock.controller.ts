import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * "Now", for components that show how long ago something happened (waits, time since her last
 * reply, an offer's countdown). It re-renders its host every `everyMs` while `active()` says so,
 * and refreshes before every render, so a fresh push never shows a stale time.
 */
export class ClockController implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs: number,
    private readonly active: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      if (this.active()) this.host.requestUpdate();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  hostUpdate(): void {
    this.now = Date.now();
  }
}
