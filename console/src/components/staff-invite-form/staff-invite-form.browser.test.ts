import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult, InviteDraft, InviteMade } from '../../state/form-requests.js';
import type { TsgStaffInviteForm } from './staff-invite-form.component.js';
import './staff-invite-form.js';

const t = ja.invite;
const LINK = `https://console.npo.example/console/#invite=${'A'.repeat(43)}`;

describe('the invite form', () => {
  afterEach(() => document.body.replaceChildren());

  it('checks the username and name here, sends the invitation, and shows the link once', async () => {
    const asked: InviteDraft[] = [];
    const el = document.createElement('tsg-staff-invite-form') as TsgStaffInviteForm;
    el.invite = async (draft): Promise<FormResult<InviteMade>> => {
      asked.push(draft);
      return { ok: true, link: LINK, expiresAt: '2026-12-02T01:00:00.000Z' };
    };
    document.body.append(el);
    const form = page.getByRole('form', { name: t.heading });
    await userEvent.fill(form.getByRole('textbox', { name: t.username }), 'Yamada Hanako');
    await userEvent.fill(form.getByRole('textbox', { name: t.displayName }), '山田');
    await userEvent.click(form.getByRole('button', { name: t.submit }));
    await expect.element(form.getByRole('alert')).toHaveTextContent(t.badUsername);
    await userEvent.fill(form.getByRole('textbox', { name: t.username }), 'Yamada');
    await userEvent.fill(form.getByRole('textbox', { name: t.displayName }), '   ');
    await userEvent.click(form.getByRole('button', { name: t.submit }));
    await expect.element(form.getByRole('alert')).toHaveTextContent(t.badDisplayName);
    expect(asked).toEqual([]);

    await userEvent.fill(form.getByRole('textbox', { name: t.displayName }), ' 山田 花子 ');
    await userEvent.selectOptions(form.getByRole('combobox', { name: t.role }), ja.role.supervisor);
    await userEvent.click(form.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('textbox', { name: t.linkHeading })).toHaveValue(LINK);
    expect(asked).toEqual([{ username: 'yamada', displayName: '山田 花子', role: 'supervisor' }]);
    await expect.element(page.getByText(/12月2日（水）10:00まで、1回だけ使えます/)).toBeVisible();
    await expect.element(form.getByRole('textbox', { name: t.username })).toHaveValue('');
  });
});
