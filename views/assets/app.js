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
