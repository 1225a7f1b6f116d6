import { type ConsultationRecordPayload, type CounselorState, type StaffConsultation, TOPICS } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { type ChatState, newChat } from '../../state/chats.js';
import type { FormResult, TransferDraft } from '../../state/form-requests.js';
import type { TsgChatPanel } from './chat-panel.component.js';
import './chat-panel.js';
import { focused } from '../../test/focus.js';

/** A chat as the workspace hands it to the panel; `key` opens it (active), `ended` and `recordedAt` end and record it. */
function chat(over: { key?: boolean; ended?: boolean; recordedAt?: string } = {}): ChatState {
  const consultation: StaffConsultation = {
    consultationId: globalThis.crypto.randomUUID(),
    status: over.ended ? 'ended' : 'active',
    assignedAt: '2026-11-30T10:00:00.000Z',
    sealedKeys: [{ keyEpoch: 0, sealedKey: 'sealed' }],
    campaign: null,
    urgent: false,
    recordedAt: over.recordedAt ?? null,
  };
  const c = newChat(consultation);
  return {
    ...c,
    historyLoaded: true,
    keys: over.key === false ? new Map() : new Map([[0, new Uint8Array(32)]]),
    ended: over.ended ? { endedBy: 'client', reason: 'ended' } : null,
  };
}

async function mount(state: ChatState | null, props: Partial<TsgChatPanel> = {}): Promise<TsgChatPanel> {
  const panel = document.createElement('tsg-chat-panel');
  Object.assign(panel, { chat: state, ...props });
  document.body.append(panel);
  await panel.updateComplete;
  return panel;
}

/** Collects the details of one kind of event the panel fires. */
function heard<T>(panel: HTMLElement, name: string): T[] {
  const got: T[] = [];
  panel.addEventListener(name, (e) => got.push((e as CustomEvent<T>).detail));
  return got;
}

const button = (name: string) => page.getByRole('button', { name, exact: true });
/** A button under the chat's heading that opens something: its aria-expanded tells whether it is open. */
const toggle = (name: string, open = false) => page.getByRole('button', { name, exact: true, expanded: open });

const transferForm = () => page.getByRole('form', { name: ja.transfer.heading });
const handoffForm = () => page.getByRole('form', { name: ja.handoff.heading });
const recordForm = () => page.getByRole('form', { name: new RegExp(ja.record.heading) });
const composer = () => page.getByRole('textbox', { name: ja.chat.composerLabel });

describe('chat panel states', () => {
  afterEach(() => document.body.replaceChildren());

  it('says calmly, as a status under the messages, that one of hers may be missing or came twice', async () => {
    const panel = await mount(chat());
    await expect.element(page.getByText(ja.chat.orderMissing)).not.toBeInTheDocument();
    panel.chat = { ...chat(), orderNotice: { missing: true, repeated: false } };
    await expect.element(page.getByRole('status').filter({ hasText: ja.chat.orderMissing })).toBeVisible();
    panel.chat = { ...chat(), orderNotice: { missing: false, repeated: true } };
    await expect.element(page.getByRole('status').filter({ hasText: ja.chat.orderRepeated })).toBeVisible();
    await expect.element(page.getByText(ja.chat.orderMissing)).not.toBeInTheDocument();
  });

  it('asks her to pick a chat when none is selected', async () => {
    await mount(null);
    await expect.element(page.getByText(ja.chat.noneSelected)).toBeVisible();
  });

  it('while the key is exchanged: a banner, no sending, and no transfer or hand-off yet', async () => {
    await mount(chat({ key: false }));
    await expect.element(page.getByText(ja.chat.keyExchange)).toBeVisible();
    await expect.element(composer()).toBeDisabled();
    await expect.element(toggle(ja.record.open)).toBeVisible();
    await expect.element(toggle(ja.chat.end)).toBeVisible();
    await expect.element(button(ja.transfer.open)).not.toBeInTheDocument();
    await expect.element(button(ja.handoff.open)).not.toBeInTheDocument();
  });

  it('active: one sub-form open at a time, each toggled by its button', async () => {
    await mount(chat());
    await expect.element(composer()).toBeEnabled();
    await expect.element(recordForm()).not.toBeInTheDocument();

    await userEvent.click(toggle(ja.transfer.open));
    await expect.element(transferForm()).toBeVisible();
    await expect.element(toggle(ja.transfer.open, true)).toBeVisible();

    await userEvent.click(toggle(ja.handoff.open));
    await expect.element(handoffForm()).toBeVisible();
    await expect.element(toggle(ja.handoff.open, true)).toBeVisible();
    await expect.element(transferForm()).not.toBeInTheDocument();
    await expect.element(toggle(ja.transfer.open)).toBeVisible();

    await userEvent.click(toggle(ja.record.open));
    await expect.element(recordForm()).toBeVisible();
    await expect.element(handoffForm()).not.toBeInTheDocument();

    await userEvent.click(toggle(ja.record.hide, true));
    await expect.element(recordForm()).not.toBeInTheDocument();
    await expect.element(toggle(ja.record.open)).toBeVisible();
  });

  it('asking whether to end keeps the record she is writing; yes fires a data-only end request', async () => {
    const shown = chat();
    const panel = await mount(shown);
    const ends = heard<{ consultationId: string }>(panel, 'tsg-end-request');
    await userEvent.click(toggle(ja.record.open));
    await userEvent.click(toggle(ja.chat.end));
    await expect.element(page.getByText(ja.chat.endConfirm)).toBeVisible();
    await expect.element(recordForm()).toBeVisible();

    await userEvent.click(button(ja.chat.endConfirmYes));
    await expect.element(page.getByText(ja.chat.endConfirm)).not.toBeInTheDocument();
    expect(ends).toEqual([{ consultationId: shown.consultation.consultationId }]);
  });

  it('the end question also offers いたずら・迷惑として終了, saying what it does; it fires an end request marked nuisance', async () => {
    const shown = chat();
    const panel = await mount(shown);
    const ends = heard<{ consultationId: string; nuisance?: boolean }>(panel, 'tsg-end-request');
    await userEvent.click(toggle(ja.chat.end));
    await expect.element(page.getByText(ja.chat.nuisanceNote)).toBeVisible();
    await userEvent.click(button(ja.chat.nuisance));
    expect(ends).toEqual([{ consultationId: shown.consultation.consultationId, nuisance: true }]);
  });

  it('opening the transfer form drops a pending end question', async () => {
    await mount(chat());
    await userEvent.click(toggle(ja.chat.end));
    await expect.element(page.getByText(ja.chat.endConfirm)).toBeVisible();
    await userEvent.click(toggle(ja.transfer.open));
    await expect.element(transferForm()).toBeVisible();
    await expect.element(page.getByText(ja.chat.endConfirm)).not.toBeInTheDocument();
  });

  it('the transfer form offers counselors who are on and have room, and hands her choice to .transfer', async () => {
    const counselor = (staffId: string, displayName: string, over: Partial<CounselorState>): CounselorState =>
      ({ staffId, displayName, status: 'available', load: 0, capacity: 3, ...over }) as CounselorState;
    const asked: TransferDraft[] = [];
    const shown = chat();
    await mount(shown, {
      counselors: [counselor('s-tanaka', '田中', {}), counselor('s-kato', '加藤', { status: 'offline' }), counselor('s-ito', '伊藤', { load: 3 })],
      transfer: async (draft: TransferDraft): Promise<FormResult> => {
        asked.push(draft);
        return { ok: false, error: '' };
      },
    });
    await userEvent.click(toggle(ja.transfer.open));
    const to = transferForm().getByRole('combobox', { name: ja.transfer.to });
    await expect.poll(focused).toBe(to.element());
    expect(to.element().textContent?.replace(/\s+/g, '')).toBe(`${ja.transfer.counselorOption('田中', 0, 3)}${ja.transfer.toQueue}`.replace(/\s+/g, ''));

    // As before the form was its own component: the list starts at the queue, so a named counselor is always her pick.
    await userEvent.click(transferForm().getByRole('button', { name: ja.transfer.submit }));
    expect(asked).toEqual([{ consultationId: shown.consultation.consultationId, toStaffId: null, note: '' }]);

    await userEvent.selectOptions(to, ja.transfer.counselorOption('田中', 0, 3));
    await userEvent.fill(transferForm().getByRole('textbox'), '  夜は電話できないとのこと。 ');
    await userEvent.click(transferForm().getByRole('button', { name: ja.transfer.submit }));
    expect(asked[1]).toEqual({ consultationId: shown.consultation.consultationId, toStaffId: 's-tanaka', note: '夜は電話できないとのこと。' });

    await userEvent.click(transferForm().getByRole('button', { name: ja.transfer.cancel }));
    await expect.element(transferForm()).not.toBeInTheDocument();
  });

  it('while the transfer is on its way its button says so and cannot be pressed again', async () => {
    await mount(chat(), { transferring: true });
    await userEvent.click(toggle(ja.transfer.open));
    await expect.element(transferForm().getByRole('button', { name: ja.transfer.busy })).toBeDisabled();
  });

  it('the record form sends through .record and shows the answer', async () => {
    const asked: ConsultationRecordPayload[] = [];
    let answer: FormResult = { ok: false, error: ja.errors.TIMEOUT };
    const shown = chat();
    await mount(shown, {
      record: async (payload: ConsultationRecordPayload): Promise<FormResult> => {
        asked.push(payload);
        return answer;
      },
    });
    await userEvent.click(toggle(ja.record.open));
    await userEvent.click(recordForm().getByRole('checkbox', { name: '子育て' }));
    await userEvent.click(recordForm().getByRole('radio', { name: ja.record.outcomes.listened }));
    await userEvent.click(recordForm().getByRole('button', { name: ja.record.submit }));
    await expect.element(recordForm().getByRole('alert')).toHaveTextContent(ja.errors.TIMEOUT);
    expect(asked).toEqual([{ consultationId: shown.consultation.consultationId, topics: ['子育て'], outcome: 'listened' }]);

    answer = { ok: true };
    await userEvent.click(recordForm().getByRole('button', { name: ja.record.submit }));
    await expect.element(recordForm().getByRole('status')).toHaveTextContent(ja.record.done);
    await expect.element(recordForm().getByRole('alert')).toHaveTextContent(/^$/);
  });

  it('ended and not recorded: the record form is there by itself, and closing asks first', async () => {
    const shown = chat({ ended: true });
    const panel = await mount(shown);
    const closes = heard<{ consultationId: string }>(panel, 'tsg-chat-close');
    await expect.element(page.getByText(ja.chat.endedByClient)).toBeVisible();
    await expect.element(recordForm()).toBeVisible();
    await expect.element(composer()).toBeDisabled();
    await expect.element(button(ja.chat.end)).not.toBeInTheDocument();
    await expect.element(toggle(ja.record.open)).not.toBeInTheDocument();

    await userEvent.click(toggle(ja.dismiss));
    await expect.element(page.getByText(ja.record.closeUnrecorded)).toBeVisible();
    await userEvent.click(button(ja.record.backToRecord));
    await expect.element(page.getByText(ja.record.closeUnrecorded)).not.toBeInTheDocument();
    await expect.poll(focused).toBe(recordForm().getByRole('checkbox', { name: TOPICS[0] }).element());
    expect(closes).toEqual([]);

    await userEvent.click(toggle(ja.dismiss));
    await userEvent.click(button(ja.record.closeAnyway));
    expect(closes).toEqual([{ consultationId: shown.consultation.consultationId }]);
  });

  it('recorded: the form says so, and closing needs no question', async () => {
    const shown = chat({ ended: true, recordedAt: '2026-11-30T11:00:00.000Z' });
    const panel = await mount(shown);
    const closes = heard<{ consultationId: string }>(panel, 'tsg-chat-close');
    await expect.element(recordForm().getByText(ja.record.recordedBadge, { exact: true })).toBeVisible();
    await userEvent.click(toggle(ja.dismiss));
    expect(closes).toEqual([{ consultationId: shown.consultation.consultationId }]);
    await expect.element(page.getByText(ja.record.closeUnrecorded)).not.toBeInTheDocument();
  });

  it('another chat, or this one ending, closes what was open', async () => {
    const panel = await mount(chat());
    await userEvent.click(toggle(ja.transfer.open));
    await expect.element(transferForm()).toBeVisible();
    panel.chat = chat();
    await expect.element(transferForm()).not.toBeInTheDocument();
    await expect.element(toggle(ja.transfer.open)).toBeVisible();

    await userEvent.click(toggle(ja.handoff.open));
    await expect.element(handoffForm()).toBeVisible();
    panel.chat = { ...panel.chat!, ended: { endedBy: 'client', reason: 'quick_exit' } };
    await expect.element(handoffForm()).not.toBeInTheDocument();
    await expect.element(page.getByText(ja.chat.endedByClientQuickExit)).toBeVisible();
  });
});

/**
 * Ending disables 相談を終了する while the relay answers, and the question's button she pressed
 * goes with the question: without being given somewhere, her focus sat on the page and her next
 * Tab started from its top. The same when the woman leaves while she types (the composer is
 * disabled): the record, which opens by itself, is what she does next.
 */
describe('the chat panel keeps her keyboard when the chat ends', () => {
  afterEach(() => document.body.replaceChildren());

  /** She asks to end and confirms; the workspace marks the panel as ending, as it does. */
  async function endIt(): Promise<{ panel: TsgChatPanel; shown: ChatState }> {
    const shown = chat();
    const panel = await mount(shown);
    panel.addEventListener('tsg-end-request', () => (panel.ending = true));
    await userEvent.click(toggle(ja.chat.end));
    await userEvent.click(button(ja.chat.endConfirmYes));
    await expect.element(button(ja.chat.ending)).toBeDisabled();
    return { panel, shown };
  }
  const inRecordForm = () => ((focused()?.getRootNode() as ShadowRoot | null)?.host?.localName ?? null);

  it('a refused end gives her 相談を終了する back, with the reason read out', async () => {
    const { panel } = await endIt();
    Object.assign(panel, { ending: false, error: ja.errors.INTERNAL });
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.INTERNAL);
    await expect.poll(() => focused()?.textContent?.trim()).toBe(ja.chat.end);
  });

  it('an end that went through puts her in the record', async () => {
    const { panel, shown } = await endIt();
    Object.assign(panel, { ending: false, chat: { ...shown, ended: { endedBy: 'counselor', reason: 'ended' } } });
    await expect.element(recordForm()).toBeVisible();
    await expect.poll(inRecordForm).toBe('tsg-case-record-form');
    expect(focused()?.localName).toBe('input');
  });

  it('the woman leaving while she types puts her in the record; focus put elsewhere stays', async () => {
    const shown = chat();
    const panel = await mount(shown);
    await userEvent.click(composer());
    panel.chat = { ...shown, ended: { endedBy: 'client', reason: 'ended' } };
    await expect.element(composer()).toBeDisabled();
    await expect.poll(inRecordForm).toBe('tsg-case-record-form');

    const next = chat();
    panel.chat = next;
    await expect.element(composer()).toBeEnabled();
    await userEvent.click(page.getByRole('list', { name: ja.chat.messagesLabel }));
    panel.chat = { ...next, ended: { endedBy: 'client', reason: 'ended' } };
    await expect.element(recordForm()).toBeVisible();
    await new Promise((frame) => requestAnimationFrame(frame));
    expect(focused()?.localName).toBe('ol');
  });
});
