import { TEMPLATES_VAR, seedServerTemplates } from '../scripts/e2e-templates.mjs';

/**
 * Before any worker starts: the seeded demo databases every test server copies (server.ts). `npm
 * test` seeds them beside the type-check and passes them in E2E_SERVER_TEMPLATES (it removes them
 * itself); a Playwright run of its own seeds them here and removes them at its end.
 */
export default async function globalSetup(): Promise<() => void> {
  if (process.env[TEMPLATES_VAR]) return () => undefined;
  return seedServerTemplates();
}
