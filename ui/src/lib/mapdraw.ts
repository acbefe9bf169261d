// What every map of Sweden does to Observable Plot's SVG before it goes into the page: the
// <style> Plot adds goes (the CSP forbids inline styles; the components' CSS has the rules),
// and the map is hidden from assistive technology, since a table beside it carries the same
// facts (the accessible form). Colours come from classes, so both themes work without a redraw.

/** Makes Plot's output a decorative, CSP-clean SVG. */
export function quietMap(svg: SVGSVGElement | HTMLElement): SVGSVGElement | HTMLElement {
  for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
  for (const g of Array.from(svg.querySelectorAll('[aria-label]'))) {
    g.removeAttribute('aria-label');
    g.removeAttribute('aria-description');
  }
  svg.removeAttribute('font-family');
  svg.removeAttribute('font-size');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}
