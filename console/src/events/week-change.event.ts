/** She moved the calendar to another week (a Monday, "YYYY-MM-DD", Tokyo). */
export class WeekChangeEvent extends CustomEvent<{ weekStart: string }> {
  static readonly eventName = 'tsg-week-change' as const;

  constructor(weekStart: string) {
    super(WeekChangeEvent.eventName, { detail: { weekStart }, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-week-change': WeekChangeEvent;
  }
}
