import { parseDemoLogins, startServer } from './server.js';

/** One real server for the suite; tests reach it through BASE_URL and log in with DEMO_LOGINS. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startServer({ TSUNAGARI_HOURS: 'always' });
  process.env.BASE_URL = server.url;
  process.env.DEMO_LOGINS = JSON.stringify(parseDemoLogins(server.banner));
  return () => server.stop();
}
