// Progressive enhancement only: every page works without this file.
// Forms marked data-confirm ask before submitting (disabling an account, revoking a token…).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
// A form is sent once: a double click on "save" makes one request.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = 'true';
  window.setTimeout(() => delete form.dataset.submitted, 8000);
});
