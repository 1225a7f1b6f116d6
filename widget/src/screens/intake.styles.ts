import { css } from 'lit';

/** Intake: answer chips (radio and checkbox) at least 44 px tall, two equal ways on. */
export const intakeStyles = css`
  fieldset {
    margin: 0;
    padding: 0.5rem 0.75rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 8px;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 44px;
    padding: 0.25rem 0.75rem 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    cursor: pointer;
  }
  .choice input {
    width: 1.2rem;
    height: 1.2rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .choice:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: #e3f0f1;
  }
  .choice:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .choice input:focus-visible {
    outline: none;
  }
  .actions.equal {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(10rem, 100%), 1fr));
  }
`;
