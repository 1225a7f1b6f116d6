/**
 * `--name value` → `--name=value` for every option that takes a string, before `parseArgs` sees
 * the arguments. A public key is base64url, so one key in 64 begins with `-`, and parseArgs
 * refuses `--org-key -Ab…` as ambiguous: an admin pasting her organisation's key would be told
 * her key is wrong one time in 64. An option that takes a string always takes the next argument.
 */
export function joinStringOptionValues(args: readonly string[], options: Readonly<Record<string, { type: string }>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    if (name !== null && options[name]?.type === 'string' && i + 1 < args.length) {
      out.push(`${arg}=${args[++i] as string}`);
    } else {
      out.push(arg);
    }
  }
  return out;
}
