/** Events from the routing controls (status, offers, capacity), and the composer's typing. */
function make<N extends string, D>(name: N) {
  return class extends CustomEvent<D> {
    static readonly eventName = name;
    constructor(detail: D) {
      // Bubbles and crosses shadow roots so the workspace can listen once, high up.
      super(name, { detail, bubbles: true, composed: true });
    }
  };
}

export const StatusChangeEvent = make<'tsg-status-change', { status: 'available' | 'away' }>('tsg-status-change');
export type StatusChangeEvent = InstanceType<typeof StatusChangeEvent>;
export const OfferAcceptEvent = make<'tsg-offer-accept', { consultationId: string }>('tsg-offer-accept');
export type OfferAcceptEvent = InstanceType<typeof OfferAcceptEvent>;
export const CapacityChangeEvent = make<'tsg-capacity-change', { staffId: string; capacity: number }>('tsg-capacity-change');
export type CapacityChangeEvent = InstanceType<typeof CapacityChangeEvent>;
export const TypingEvent = make<'tsg-typing', { consultationId: string; typing: boolean }>('tsg-typing');
export type TypingEvent = InstanceType<typeof TypingEvent>;

declare global {
  interface HTMLElementEventMap {
    'tsg-status-change': StatusChangeEvent;
    'tsg-offer-accept': OfferAcceptEvent;
    'tsg-capacity-change': CapacityChangeEvent;
    'tsg-typing': TypingEvent;
  }
}
