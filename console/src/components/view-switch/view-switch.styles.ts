import { css } from 'lit';

export const viewSwitchStyles = css`
  :host {
    display: block;
    flex: 0 0 auto;
    margin: 0 0 0.75rem;
  }
  div {
    display: flex;
    gap: 0.5rem;
    border-bottom: 1px solid var(--tsg-border);
    padding-bottom: 0.5rem;
  }
  button[aria-pressed='true'] {
    background: var(--tsg-primary);
    color: #fff;
    font-weight: 600;
  }
`;
