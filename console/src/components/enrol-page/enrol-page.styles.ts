import { css } from 'lit';

export const enrolPageStyles = css`
  :host {
    display: block;
    max-width: 36rem;
    margin: 0 auto;
  }
  h1:focus {
    outline: none;
  }
  .welcome {
    font-size: 1.1rem;
    font-weight: 600;
    margin: 0 0 0.75rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 1rem;
    margin: 0 0 1rem;
  }
  dt {
    color: var(--tsg-muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  tsg-fingerprint-digits {
    margin: 1.25rem 0;
    padding: 1rem;
    background: var(--tsg-primary-soft);
    border-radius: var(--tsg-radius);
  }
  .read-aloud {
    font-weight: 600;
    margin: 0 0 1rem;
  }
  @media (max-width: 480px) {
    .card {
      padding: 1.25rem;
    }
    tsg-fingerprint-digits {
      padding: 0.75rem;
    }
  }
`;
