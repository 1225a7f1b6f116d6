import { seedServerTemplates } from './server.js';

/** Before any worker starts: the seeded demo databases every test server copies (server.ts). */
export default async function globalSetup(): Promise<() => void> {
  return seedServerTemplates();
}
