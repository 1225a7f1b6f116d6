import './page.css';
// Entry point: registers the app shell, which registers the rest. libsodium and the crypto
// envelope are loaded later, at login (see services/login.ts).
import './components/console-app/console-app.js';
