/**
 * Reading a passphrase for the offline organisation- and records-key commands: from the environment (for
 * scripts), else typed at a terminal without echo, else the first line of piped stdin.
 */
export const PASSPHRASE_ENV = 'TSUNAGARI_ORG_PASSPHRASE';

/** Reads one secret; `confirm` asks twice at a terminal and refuses when the two differ. `env`: the variable that, set, gives it. */
export async function readPassphrase(prompt: string, confirm = false, env = PASSPHRASE_ENV): Promise<string> {
  const fromEnv = process.env[env];
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden('again: ')) !== first) throw new Error('the two passphrases differ');
  return first;
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Raw-mode terminal read: nothing is echoed; Backspace deletes, Ctrl-C cancels. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new Error('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
