/** An admin asked for a campaign's flyer (the campaign list's button). */
export class FlyerOpenEvent extends CustomEvent<{ campaign: string; label: string }> {
  static readonly eventName = 'tsg-flyer-open' as const;

  constructor(campaign: string, label: string) {
    super(FlyerOpenEvent.eventName, { detail: { campaign, label }, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-flyer-open': FlyerOpenEvent;
  }
}
