import { css } from 'lit';

/** The next opening time stands out; the rest is the usual screen text. */
export const closedHoursStyles = css`
  .next {
    font-size: 1.125rem;
    font-weight: 700;
  }
`;
