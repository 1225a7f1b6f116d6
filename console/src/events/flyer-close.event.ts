/** She closed the flyer (its button, or Escape). */
export class FlyerCloseEvent extends Event {
  static readonly eventName = 'tsg-flyer-close' as const;

  constructor() {
    super(FlyerCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-flyer-close': FlyerCloseEvent;
  }
}
