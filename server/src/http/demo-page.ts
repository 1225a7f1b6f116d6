import { esc, htmlDocument } from './html.js';
import { type WidgetIntegrity, widgetScripts } from './widget-embed.js';

/**
 * The embed snippet an NPO pastes into its own site: the widget's scripts, pinned to this build
 * when its integrity values are known, and the element.
 */
export function embedSnippet(serverUrl: string, orgPublicKey: string, campaign: string, integrity: WidgetIntegrity | null): string {
  return `${widgetScripts(serverUrl, integrity)}
<tsunagari-chat server="${esc(serverUrl)}" org-key="${esc(orgPublicKey)}" campaign="${esc(campaign)}"></tsunagari-chat>`;
}

/** The demo page's one inline style (its policy allows it by hash). */
export const DEMO_STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fbfaf7; line-height: 1.7; }
  header { background: #5b3a6e; color: #fff; padding: 1rem 1.25rem; }
  header h1 { margin: 0; font-size: 1.25rem; }
  main { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem 6rem; }
  h2 { font-size: 1.1rem; border-left: 4px solid #5b3a6e; padding-left: .5rem; }
`;

/**
 * A page standing in for the NPO's website, with the widget embedded exactly as the snippet
 * says. On the real site the organisation key is pinned by the NPO, not served by the relay.
 */
export function demoHostPage(serverUrl: string, orgPublicKey: string, integrity: WidgetIntegrity | null): string {
  return htmlDocument({
    lang: 'ja',
    title: 'つながりサポート（デモ）',
    head: `<style>${DEMO_STYLE}</style>`,
    body: `<header><h1>つながりサポート（デモ）</h1></header>
<main>
  <p>生活のこと、家族のこと、ひとりで抱えている不安など、どんなことでもご相談ください。</p>
  <h2>相談の方法</h2>
  <ul>
    <li>チャット相談：平日 10:00〜20:00（祝日を除く）</li>
    <li>電話相談：0836-37-5611（平日 10:00〜20:00）</li>
    <li>面接相談：予約制（金曜日）</li>
  </ul>
  <p>右下の「チャットで相談する」から、名前を言わずに相談できます。</p>
</main>
${embedSnippet(serverUrl, orgPublicKey, 'web', integrity)}`,
  });
}
