import { AGE_BANDS, TOPICS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { catalogueFor, LANGS, langFor, loadCatalogue } from './index.js';
import { ja } from './ja-full.js';
import { jaEasy } from './ja-easy.js';

const catalogues = { ja, 'ja-easy': jaEasy, en };

/** Every leaf path of a catalogue, with the kind of value found there. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}:function`];
  if (Array.isArray(value)) return [`${path}:array`];
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value)
      .sort()
      .flatMap((k) => shape((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return [`${path}:${typeof value}`];
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('catalogues', () => {
  it('all three languages have exactly the same keys', () => {
    const ja = shape(catalogues.ja);
    for (const lang of LANGS) expect(shape(catalogues[lang]), lang).toEqual(ja);
  });

  it('no string is empty except the deliberate blanks', () => {
    const blanks = new Set(['shiftReset', 'status.idle', 'status.connected']);
    for (const lang of LANGS) {
      const c = catalogues[lang] as unknown as Record<string, unknown>;
      for (const key of Object.keys(c)) {
        if (blanks.has(key)) continue;
        const v = c[key];
        const list = key === 'status' ? strings({ ...(v as object), idle: 'x', connected: 'x' }) : strings(v);
        for (const s of list) expect(s.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('names every topic and age band the protocol knows', () => {
    for (const lang of LANGS) {
      expect(Object.keys(catalogues[lang].topics).sort(), lang).toEqual([...TOPICS].sort());
      expect(Object.keys(catalogues[lang].ageBands).sort(), lang).toEqual([...AGE_BANDS].sort());
    }
  });

  it('functions give text in their language', () => {
    expect(catalogues.ja.queuePosition(2)).toBe('いま 2 番目です。');
    expect(catalogues.ja.estimate(10)).toBe('目安：およそ 10 分');
    expect(catalogues.en.queueAhead(1)).toBe('1 person is ahead of you.');
    expect(catalogues['ja-easy'].shiftCount(2)).toContain('あと 1かい');
    for (const lang of LANGS) {
      const c = catalogues[lang];
      for (const s of [c.shiftCount(1), c.estimate(5), c.altPhone('0836-37-5611'), c.altMail('a@b'), c.codeExpires('x')]) {
        expect(s.length).toBeGreaterThan(2);
      }
    }
  });

  it('English has no Japanese left in it, apart from topic keys', () => {
    const { topics, ...rest } = catalogues.en;
    for (const s of [...strings(rest), ...Object.values(topics)]) expect(s).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('a full relay (STORAGE_FULL) is said kindly in every language, pointing to the phone and mail, not as the generic error', () => {
    for (const [c, phone, mail] of [
      [ja, '電話', 'メール'],
      [jaEasy, 'でんわ', 'メール'],
      [en, 'call', 'email'],
    ] as const) {
      expect(c.errors.STORAGE_FULL).not.toBe(c.errors.generic);
      for (const text of [c.errors.STORAGE_FULL, c.failedStorage]) {
        expect(text).toContain(phone);
        expect(text).toContain(mail);
      }
    }
  });

  it('picks a catalogue from the lang attribute', () => {
    expect(langFor('ja-easy')).toBe('ja-easy');
    expect(langFor('ja-x-easy')).toBe('ja-easy');
    expect(langFor('en-GB')).toBe('en');
    expect(langFor('fr')).toBe('ja');
    expect(langFor(null)).toBe('ja');
    expect(catalogueFor('en').lang).toBe('ja'); // not loaded yet: Japanese meanwhile
    expect(catalogueFor('ja')).not.toHaveProperty('topics'); // the first screen only
  });

  it('loads the other catalogues on demand', async () => {
    expect(await loadCatalogue('en')).toBe(en);
    expect(await loadCatalogue('ja-easy')).toBe(jaEasy);
    expect(catalogueFor('en').lang).toBe('en');
    expect(catalogueFor('ja-easy').lang).toBe('ja');
  });
});

describe('exit labels in the entry script', () => {
  it('match each catalogue, so the exit button never changes wording when the catalogue arrives', async () => {
    const { EXIT_LABELS } = await import('./exit-labels.js');
    for (const lang of LANGS) {
      const c = catalogues[lang];
      expect(EXIT_LABELS[lang], lang).toEqual({ lang: c.lang, exit: c.exit, exitHint: c.exitHint, launcher: c.launcher, launcherBack: c.launcherBack });
    }
  });
});
