import { css } from 'lit';

export const caseRecordFormStyles = css`
  form {
    padding: 0.75rem 1rem;
    gap: 0.6rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  .badge {
    display: inline-block;
    margin-left: 0.4rem;
    padding: 0 0.5rem;
    border-radius: 4px;
    background: var(--tsg-primary-soft);
    color: var(--tsg-primary);
    font-size: 0.8rem;
    vertical-align: middle;
  }
  fieldset {
    padding: 0.4rem 0.75rem 0.6rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.1rem 0.75rem;
  }
  .grid.outcomes {
    grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
  }
  .grid.ages {
    grid-template-columns: repeat(auto-fill, minmax(7rem, 1fr));
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2rem;
    cursor: pointer;
  }
  .choice input {
    /* A long label wraps; the box keeps its size. */
    flex: 0 0 auto;
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    accent-color: var(--tsg-primary);
  }
  .choice:has(input:disabled) {
    color: var(--tsg-muted);
    cursor: not-allowed;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .done {
    margin: 0;
    color: var(--tsg-primary);
    font-weight: 600;
  }
`;
