// Keeps what is typed into a form marked data-draft (the results grid, the course and trainee forms) on this
// device until it is saved, so that a session that ended meanwhile loses nothing: after signing in again the
// same page fills the fields back in and says so. Only fields changed from what the page showed are kept,
// per user and page; the draft goes when a save succeeds (a success message follows the post), on sign-out,
// or after a day.
(() => {
  'use strict';
  const info = document.getElementById('session-info');
  if (!info || !window.localStorage) return;
  const user = info.dataset.user;
  const msg = info.dataset;
  const PREFIX = `draft:${user}:`;
  const PENDING = 'draft:pending';
  const MAX_AGE_MS = 24 * 60 * 60 * 1000;
  const SKIP = new Set(['hidden', 'password', 'file', 'submit', 'button', 'reset']);

  const read = (key) => {
    try {
      const draft = JSON.parse(localStorage.getItem(key) || 'null');
      return draft && Date.now() - draft.savedAt < MAX_AGE_MS ? draft : null;
    } catch {
      return null;
    }
  };
  const fieldsOf = (form) => [...form.elements].filter((el) => el.name && el.name !== '_csrf' && !SKIP.has(el.type) && !el.disabled);
  const valueOf = (el) => (el.type === 'checkbox' || el.type === 'radio' ? (el.checked ? 'on' : '') : el.value);
  const setValue = (el, value) => {
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = value === 'on';
    else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const idOf = (el, i) => `${el.name}#${i}`;

  // A post that left a draft pending: a success message on another page than the form's (where a save leads)
  // means it was saved. Back on the form's own page (signed in again after the session ended, with the
  // sign-in's welcome), the draft stays and is filled in; a save that returns to its form leaves nothing to fill.
  const pending = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    } catch {
      return null;
    }
  })();
  if (pending && location.pathname !== pending.page && document.querySelector('main .alert-success')) {
    localStorage.removeItem(pending.key);
    sessionStorage.removeItem(PENDING);
  }

  document.querySelectorAll('form[data-draft]').forEach((form) => {
    const key = `${PREFIX}${location.pathname}:${form.dataset.draft}`;
    const fields = fieldsOf(form);
    const initial = new Map(fields.map((el, i) => [idOf(el, i), valueOf(el)]));

    const save = () => {
      const values = {};
      fields.forEach((el, i) => {
        const id = idOf(el, i);
        if (valueOf(el) !== initial.get(id)) values[id] = valueOf(el);
      });
      if (Object.keys(values).length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values }));
    };

    const draft = read(key);
    const changed = draft ? fields.map((el, i) => [el, draft.values[idOf(el, i)]]).filter(([el, value]) => value !== undefined && value !== valueOf(el)) : [];
    if (changed.length === 0) localStorage.removeItem(key);
    else {
      changed.forEach(([el, value]) => setValue(el, value));
      const notice = document.createElement('div');
      notice.className = 'alert alert-info d-flex flex-wrap align-items-center justify-content-between gap-2';
      notice.setAttribute('role', 'status');
      notice.dataset.draftRestored = '';
      const time = new Date(draft.savedAt).toLocaleTimeString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN', { hour: '2-digit', minute: '2-digit' });
      const text = document.createElement('span');
      text.textContent = msg.msgRestored.replace('{time}', time);
      const discard = document.createElement('button');
      discard.type = 'button';
      discard.className = 'btn btn-sm btn-outline-dark'; // secondary grey reads at 4.0:1 on the info notice
      discard.textContent = msg.msgDiscard;
      discard.addEventListener('click', () => {
        fields.forEach((el, i) => setValue(el, initial.get(idOf(el, i))));
        localStorage.removeItem(key);
        notice.remove();
      });
      notice.append(text, discard);
      form.before(notice);
    }

    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', () => {
      save();
      if (localStorage.getItem(key)) sessionStorage.setItem(PENDING, JSON.stringify({ key, page: location.pathname }));
    });
  });

  // Signing out on purpose: nothing of this user's stays on a shared computer.
  document.querySelectorAll('form[action="/logout"]').forEach((form) =>
    form.addEventListener('submit', () => {
      Object.keys(localStorage).filter((k) => k.startsWith(PREFIX)).forEach((k) => localStorage.removeItem(k));
      sessionStorage.removeItem(PENDING);
    }),
  );
})();
