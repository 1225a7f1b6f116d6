import { css } from 'lit';

/** Beyond the compact form and the shared table: space between the form and her list, the route under the kind. */
export const outreachLogStyles = css`
  :host {
    display: grid;
    gap: 1rem;
  }
  section h3 {
    font-size: 1.05rem;
    margin: 0 0 0.25rem;
  }
  /* How it was recorded, under the kind: four columns still fit a phone. */
  .route {
    display: block;
    color: var(--tsg-muted);
    font-size: 0.85rem;
  }
  td:first-of-type,
  th[scope='row'] {
    white-space: nowrap;
  }
  .empty {
    color: var(--tsg-muted);
    margin: 0;
  }
  td.actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .editing {
    margin: 0;
    font-weight: 600;
  }
`;
