import { css } from 'lit';

export const staffAdminStyles = css`
  :host {
    display: block;
  }
  section {
    display: grid;
    gap: 0.75rem;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0;
  }
  .intro {
    margin: 0;
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
  .done {
    margin: 0;
    min-height: 1.4em;
    color: var(--tsg-primary);
    font-weight: 600;
  }
`;
