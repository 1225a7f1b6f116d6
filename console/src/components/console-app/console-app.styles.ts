import { css } from 'lit';

export const consoleAppStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--tsg-bg);
  }
  .brand {
    padding: 0.8rem 1.25rem;
    background: var(--tsg-surface);
    border-bottom: 1px solid var(--tsg-border);
  }
  .brand p {
    margin: 0;
    font-weight: 700;
    color: var(--tsg-primary);
  }
  .brand span {
    color: var(--tsg-muted);
    font-weight: 500;
    margin-left: 0.15rem;
  }
  main.login {
    padding: 3rem 1rem;
  }
  main.login > p {
    max-width: 36rem;
    margin: 0 auto;
  }
  @media (max-width: 480px) {
    main.login {
      padding: 1rem 0.5rem;
    }
  }
`;
