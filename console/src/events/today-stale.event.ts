/** The board's figures belong to a day that has ended (Tokyo midnight passed): ask for today's. */
export class TodayStaleEvent extends CustomEvent<null> {
  static readonly eventName = 'tsg-today-stale' as const;

  constructor() {
    super(TodayStaleEvent.eventName, { detail: null, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-today-stale': TodayStaleEvent;
  }
}
