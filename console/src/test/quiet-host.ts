import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A controller host that does nothing on update, for tests that read the store and the controllers directly. */
export class QuietHost implements ReactiveControllerHost {
  addController(_: ReactiveController): void {}
  removeController(_: ReactiveController): void {}
  requestUpdate(): void {}
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
