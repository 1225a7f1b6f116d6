// Writes dist/integrity.json: a Subresource Integrity value (SHA-512, by libsodium) for every
// script the widget build made. The embed snippet pins the entry with it and lists every chunk in
// an import map's "integrity" table, so a browser refuses any widget file that differs from this
// build — the relay (or anything between it and her phone) cannot swap in code that reads her
// messages before they are encrypted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sodium from 'libsodium-wrappers';

await sodium.ready;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const scripts = fs
  .readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.js'))
  .map((f) => f.split(path.sep).join('/'))
  .sort();
const integrity = Object.fromEntries(
  scripts.map((f) => [f, `sha512-${sodium.to_base64(sodium.crypto_hash(fs.readFileSync(path.join(dist, f))), sodium.base64_variants.ORIGINAL)}`]),
);
fs.writeFileSync(path.join(dist, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
console.log(`integrity.json: ${scripts.length} scripts`);
