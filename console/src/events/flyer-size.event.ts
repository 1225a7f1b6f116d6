import type { FlyerSize } from '../state/flyer.js';

/** She chose the size the flyer prints at. */
export class FlyerSizeEvent extends CustomEvent<{ size: FlyerSize }> {
  static readonly eventName = 'tsg-flyer-size' as const;

  constructor(size: FlyerSize) {
    super(FlyerSizeEvent.eventName, { detail: { size }, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-flyer-size': FlyerSizeEvent;
  }
}
