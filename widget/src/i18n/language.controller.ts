import type { ReactiveControllerHost } from 'lit';
import { type Catalogue, catalogueIfLoaded, firstScreen, type Lang, loadCatalogue } from './index.js';

/**
 * Her language and its text, for `<tsunagari-chat>`: the language in use, its whole catalogue once
 * the chunk has loaded, and until then (Japanese only) the first screen's text from the entry
 * script. Until her language's text is here nothing is shown in another one ({@link ready}); while
 * only the launcher shows, no catalogue is fetched (the launcher's labels are in the entry).
 * It needs none of the host's lifecycle hooks: it only asks the host to render when the text changed.
 */
export class LanguageController {
  /** The language in use. */
  lang: Lang = 'ja';
  /** The whole catalogue of {@link lang}, once its chunk has loaded. */
  catalogue: Catalogue | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether the panel is showing (only then is a catalogue worth fetching). */
    private readonly shown: () => boolean,
    /** Told when a catalogue chunk is refused or cannot be fetched (the shell may show 'unsafe'). */
    private readonly onLoadFailed?: (e: unknown) => void,
  ) {}

  /** The text in use: her language's catalogue, or (Japanese only) the first screen's text in the entry. */
  get t(): Catalogue {
    return this.catalogue ?? (firstScreen as Catalogue);
  }

  /** True once the text for the first screen is here in her language. */
  get ready(): boolean {
    return this.catalogue !== null || this.lang === 'ja';
  }

  /** Fetches the whole catalogue of the language in use (kept if she has not switched meanwhile). */
  ensure(): Promise<Catalogue> {
    const lang = this.lang;
    return loadCatalogue(lang).then((c) => {
      if (this.lang === lang) this.assign(lang, c);
      return c;
    });
  }

  /**
   * Switches language; until the new catalogue has arrived the panel shows no text at all. A
   * language whose chunk cannot be fetched falls back to Japanese.
   */
  set(lang: Lang): void {
    this.assign(lang, catalogueIfLoaded(lang) ?? null);
    if (!this.catalogue && this.shown())
      void this.ensure().catch((e: unknown) => {
        this.onLoadFailed?.(e);
        if (lang !== 'ja' && this.lang === lang) this.set('ja');
      });
  }

  /** Changes what is shown, and asks for a render only when something changed. */
  private assign(lang: Lang, catalogue: Catalogue | null): void {
    if (lang === this.lang && catalogue === this.catalogue) return;
    this.lang = lang;
    this.catalogue = catalogue;
    this.host.requestUpdate();
  }
}
