import { css } from 'lit';

/** The reader: the key form as a box, then one card per note (a table would not fit 360 px). */
export const recordsNotesStyles = css`
  :host {
    display: block;
    margin: 1.5rem 0;
  }
  /* minmax(0, …) and width 100%: the file picker's own width must not push the box past a phone's screen. */
  form {
    padding: 0.75rem 1rem;
    gap: 0.6rem;
    grid-template-columns: minmax(0, 1fr);
  }
  input:not([type='checkbox']),
  select {
    width: 100%;
    min-width: 0;
  }
  h3 {
    font-size: 1.05rem;
  }
  h4 {
    font-size: 1rem;
    margin: 0.75rem 0 0.4rem;
  }
  .intro {
    margin: 0;
    font-size: 0.9rem;
    color: var(--tsg-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .done {
    margin: 0;
  }
  .done:empty {
    display: none;
  }
  .notes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  article {
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 0.5rem 0.75rem;
  }
  article p {
    margin: 0.15rem 0;
  }
  .note {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    border-left: 4px solid var(--tsg-primary);
    padding-left: 0.6rem;
  }
  .unopened,
  .topics,
  .empty {
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
`;
