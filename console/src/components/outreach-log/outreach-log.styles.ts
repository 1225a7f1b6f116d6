import { css } from 'lit';

/** Beyond the compact form and the shared table: space between the form and her list. */
export const outreachLogStyles = css`
  :host {
    display: grid;
    gap: 1rem;
  }
  section h3 {
    font-size: 1.05rem;
    margin: 0 0 0.25rem;
  }
  .empty {
    color: var(--tsg-muted);
    margin: 0;
  }
`;
