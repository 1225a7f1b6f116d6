import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleCsp } from '../../console/csp.mjs';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';
import { checkStartable, loadConfig, REPO_ROOT } from '../src/config.js';

/** The shipped production examples (deploy/) stay in step with the code they configure. */
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, 'deploy', file), 'utf8');

describe('deploy/ examples', () => {
  it("nginx sends the console's policy exactly as console-config prints it for that relay", () => {
    const conf = read('nginx/tsunagari.conf');
    const header = /add_header Content-Security-Policy "([^"]*)" always;/.exec(conf)?.[1];
    expect(header).toBe(consoleCsp({ relayOrigin: 'https://relay.example.org' }));
    expect(conf.match(/add_header Content-Security-Policy/g)).toHaveLength(1);
  });

  it('systemd runs the built server with the flags of node-flags.mjs', () => {
    const unit = read('systemd/tsunagari.service');
    expect(unit).toContain(`\nExecStart=/usr/bin/node ${SERVER_NODE_FLAGS.join(' ')} dist/main.js\n`);
    expect(unit).toMatch(/\nUser=tsunagari\n/);
    expect(unit).toMatch(/\nRestart=on-failure\n/);
  });

  it('the example environment is a valid production configuration (not the demo, https, behind one proxy)', () => {
    const env = Object.fromEntries(
      read('systemd/tsunagari.env.example')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const config = loadConfig(env);
    expect(config.demo).toBe(false);
    expect(config.publicUrl).toMatch(/^https:\/\//);
    expect(() => checkStartable(config)).not.toThrow();
    expect(config.consoleOrigin).toBe('https://console.example.org');
    expect(config.staffKdf).toBe('moderate');
    expect(config.trustedProxyHops).toBe(1);
    expect(config.hours.mode).toBe('schedule');
    expect(env.TSUNAGARI_ORG_KEY_FILE).toBeUndefined();
  });
});
