import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ConsoleState, chatToSwitchTo } from '../state/chats.js';
import { chatShortcut } from '../state/shortcuts.js';

/**
 * Alt+↑/↓ and Alt+1…9 switch between her chats from anywhere on the page (window-wide, so they
 * work whichever part of the workspace has focus), while the host is attached.
 */
export class ChatShortcutsController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly options: {
      /** Only counselors have chats to switch between. */
      enabled: () => boolean;
      model: () => ConsoleState;
      /** Shows the chat and moves focus to it. */
      open: (consultationId: string) => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeydown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeydown);
  }

  private readonly onKeydown = (e: KeyboardEvent): void => {
    const move = chatShortcut(e);
    if (!move || !this.options.enabled()) return;
    e.preventDefault();
    const target = chatToSwitchTo(this.options.model(), move);
    if (target) this.options.open(target);
  };
}
