import { type AckResult, API, type StaffSession } from '@tsunagari/shared';
import { deriveStaffPasswordKeys, type SodiumSumo, toB64 } from '@tsunagari/shared/crypto';
import { postJson } from './harness.js';

/**
 * Logs in to a relay process as her console would (KDF parameters, derived key): the session and
 * its cookie, which works on every node of a cluster.
 */
export async function loginTo(sodium: SodiumSumo, url: string, who: { username: string; password: string }): Promise<{ session: StaffSession; cookie: string }> {
  const params = (await (await postJson(url + API.authParams, { username: who.username })).json()) as AckResult<{ salt: string; opslimit: number; memlimit: number }>;
  if (!params.ok) throw new Error(params.error);
  const derived = deriveStaffPasswordKeys(sodium, who.password, params.data);
  const res = await postJson(url + API.login, { username: who.username, authKey: toB64(sodium, derived.authKey) });
  const session = ((await res.json()) as { ok: true; data: StaffSession }).data;
  return { session, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
