import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { FormResult } from '../../state/form-requests.js';
import type { TsgMessageComposer } from './message-composer.component.js';
import './message-composer.js';

/** A composer whose send the test answers when it wants (as a slow relay would). */
async function mount(): Promise<{ composer: TsgMessageComposer; sent: string[]; answer: (r: FormResult) => void }> {
  const sent: string[] = [];
  let answer: (r: FormResult) => void = () => undefined;
  const composer = document.createElement('tsg-message-composer');
  Object.assign(composer, {
    consultationId: 'c'.repeat(22),
    submit: (draft: { text: string }) => {
      sent.push(draft.text);
      return new Promise<FormResult>((resolve) => (answer = resolve));
    },
  });
  document.body.append(composer);
  await composer.updateComplete;
  return { composer, sent, answer: (r) => answer(r) };
}

const box = () => page.getByRole('textbox', { name: 'メッセージ' });

describe('message composer: what stays in the box after a send', () => {
  afterEach(() => document.body.replaceChildren());

  it('a stored message leaves the box; what she wrote while it was on its way stays', async () => {
    const { sent, answer } = await mount();
    await userEvent.fill(box(), 'こんにちは。');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await userEvent.type(box(), 'よろしくお願いします。');
    answer({ ok: true });
    await expect.poll(() => (box().element() as HTMLTextAreaElement).value).toBe('よろしくお願いします。');
    expect(sent).toEqual(['こんにちは。']);
  });

  it('text she put in its place while it was on its way stays whole; a failed send keeps her words', async () => {
    const { answer } = await mount();
    await userEvent.fill(box(), '一つ目です。');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await userEvent.fill(box(), '二つ目です。');
    answer({ ok: true });
    await expect.poll(() => (box().element() as HTMLTextAreaElement).value).toBe('二つ目です。');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    answer({ ok: false, error: 'TIMEOUT' });
    await expect.poll(() => (box().element() as HTMLTextAreaElement).value).toBe('二つ目です。');
  });
});
