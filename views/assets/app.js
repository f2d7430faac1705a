// Progressive enhancement only: every page works without this file.
// Forms (or their buttons) marked data-confirm ask before submitting (disabling an account, revoking a token…).
document.addEventListener('submit', (event) => {
  const form = event.target;
  const message = event.submitter?.dataset.confirm ?? (form instanceof HTMLFormElement ? form.dataset.confirm : undefined);
  if (form instanceof HTMLFormElement && message && !window.confirm(message)) {
    event.preventDefault();
  }
});
// A form is sent once: a double click on "save" makes one request. A button that opens a new tab (a preview)
// leaves the page as it was, ready to be sent.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  if (event.submitter?.formTarget === '_blank') return;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = 'true';
  window.setTimeout(() => delete form.dataset.submitted, 8000);
});
// A table box that scrolls sideways (a phone, a wide report) must be reachable by keyboard and named for screen
// readers (axe: scrollable-region-focusable): it becomes a focusable region named after its caption or heading.
(() => {
  const label = (box) => {
    const caption = box.querySelector('caption');
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    for (let el = box; el && el !== document.body; el = el.parentElement) {
      for (let prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        const heading = prev.matches('h1, h2, h3, h4') ? prev : prev.querySelector('h1, h2, h3, h4');
        if (heading && heading.textContent.trim()) return heading.textContent.trim();
      }
    }
    return document.title;
  };
  const mark = () => {
    document.querySelectorAll('.table-responsive').forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', label(box));
        box.dataset.scrollRegion = '';
      } else if (!scrolls && box.dataset.scrollRegion !== undefined) {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
        delete box.dataset.scrollRegion;
      }
    });
  };
  mark();
  // Tables grow after this runs too (report scripts, fonts, a window resized): look again when any box changes size.
  let timer = 0;
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(mark, 100);
  };
  if ('ResizeObserver' in window) {
    const observer = new ResizeObserver(later);
    document.querySelectorAll('.table-responsive, .table-responsive > table').forEach((el) => observer.observe(el));
  }
  window.addEventListener('resize', later);
  window.addEventListener('load', later);
})();
