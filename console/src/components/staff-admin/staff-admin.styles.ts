import { css } from 'lit';

export const staffAdminStyles = css`
  :host {
    display: block;
  }
  /* One column no wider than the screen: the directory scrolls sideways inside it rather than
     widening the whole view. */
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
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
  .list-head {
    display: flex;
    justify-content: flex-end;
  }
  .done {
    margin: 0;
    min-height: 1.4em;
    color: var(--tsg-primary);
    font-weight: 600;
  }
`;
