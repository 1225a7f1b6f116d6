/** The element that has the focus, through shadow roots (toHaveFocus sees only the outermost host). */
export function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
