import type { Lang } from './index.js';

/**
 * The quick exit button and the launcher in every language, in the entry script. They show
 * before her language's catalogue has arrived, so the one control that must always be there is
 * never missing and never in the wrong language. A unit test keeps them equal to the catalogues.
 */
export const EXIT_LABELS: Record<Lang, { lang: string; exit: string; exitHint: string; launcher: string; launcherBack: string }> = {
  ja: { lang: 'ja', exit: 'すぐに閉じる', exitHint: 'Shift キーを 3 回押しても閉じます', launcher: 'チャットで相談する', launcherBack: 'チャットに戻る' },
  'ja-easy': { lang: 'ja', exit: 'すぐに とじる', exitHint: 'Shift キーを 3かい おしても とじます', launcher: 'チャットで そうだん する', launcherBack: 'チャットに もどる' },
  en: { lang: 'en', exit: 'Exit now', exitHint: 'Or press the Shift key 3 times', launcher: 'Chat with us', launcherBack: 'Back to the chat' },
};
