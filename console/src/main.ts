// First, before any zod schema is built (see csp-safe-zod.ts).
import './csp-safe-zod.js';
import './page.css';
// Entry point: registers the app shell, which registers the rest. libsodium and the crypto
// envelope are loaded later, at login (see services/login.ts).
import './components/console-app/console-app.js';
