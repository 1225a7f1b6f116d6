import { esc, htmlDocument } from './html.js';
import { type WidgetIntegrity, widgetScripts } from './widget-embed.js';

/**
 * The full-screen page a flyer's QR code opens: the widget, open, filling the phone's screen.
 * Its title is deliberately plain ("お知らせ"): browser history shows titles to whoever looks.
 */
export function landingPage(serverUrl: string, orgPublicKey: string, campaign: string, lang: string, integrity: WidgetIntegrity | null): string {
  return htmlDocument({
    lang: lang === 'en' ? 'en' : 'ja',
    title: 'お知らせ',
    viewport: 'width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content',
    head: `<meta name="robots" content="noindex">
<style>html, body { margin: 0; height: 100%; background: #fff; } tsunagari-chat { display: block; height: 100%; }</style>`,
    body: `${widgetScripts(serverUrl, integrity)}
<tsunagari-chat server="${esc(serverUrl)}" org-key="${esc(orgPublicKey)}" campaign="${esc(campaign)}" lang="${esc(lang)}" mode="fullscreen" open exit-url="/exit"></tsunagari-chat>`,
  });
}

/** Where quick exit lands: an ordinary, forgettable page with nothing about consultation on it. */
export function exitPage(): string {
  return htmlDocument({
    lang: 'ja',
    title: '今日の献立',
    head: '<style>body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.7; color: #222; }</style>',
    body: `<main>
<h1>今日の献立</h1>
<h2>豚肉と白菜のうま煮</h2>
<p>白菜はざく切り、豚肉はひと口大に切ります。鍋に油をひいて豚肉を炒め、色が変わったら白菜を加えます。</p>
<p>だし、しょうゆ、みりんを加えて 10 分ほど煮て、水溶き片栗粉でとろみをつけたら出来上がりです。</p>
<h2>小松菜のおひたし</h2>
<p>小松菜をさっとゆでて水にとり、食べやすく切って、かつお節としょうゆをかけます。</p>
</main>`,
  });
}
