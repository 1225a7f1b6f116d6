import { css } from 'lit';

/** The supervisor's booking form under the week: fields in a wrapping row, the refusal and its way on below. */
export const calendarBookFormStyles = css`
  :host {
    margin-top: 1rem;
    max-width: 48rem;
  }
  form {
    padding: 0.75rem 1rem;
    gap: 0.6rem;
  }
  h3 {
    font-size: 1rem;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem 1.25rem;
  }
  select,
  input {
    font: inherit;
    min-height: 2.25rem;
    border: 1px solid var(--tsg-muted);
    border-radius: var(--tsg-radius);
    padding: 0.2rem 0.4rem;
  }
  input[name='code'] {
    width: 8rem;
    letter-spacing: 0.08em;
  }
  .refusal {
    border-left: 4px solid var(--tsg-danger);
    padding: 0.4rem 0.75rem;
    display: grid;
    gap: 0.4rem;
  }
  .refusal p {
    margin: 0;
  }
  .booked {
    border-left: 4px solid var(--tsg-primary);
    padding: 0.4rem 0.75rem;
  }
  .booked p {
    margin: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
