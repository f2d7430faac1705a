// Warns a few minutes before the signed-in session ends for lack of activity, with a button that pings the
// keep-alive endpoint. The session's idle time comes from #session-info (data-session-ms), the messages too
// (in the page's language). Nothing typed is lost if the warning is missed: drafts.js keeps the forms' input.
(() => {
  'use strict';
  const info = document.getElementById('session-info');
  const box = document.querySelector('[data-session-warning]');
  if (!info || !box) return;
  const WARN_BEFORE_MS = 5 * 60 * 1000;
  const text = box.querySelector('[data-session-text]');
  const stay = box.querySelector('[data-session-stay]');
  const login = box.querySelector('[data-session-login]');
  const msg = info.dataset;
  const csrf = document.querySelector('input[name="_csrf"]');
  let endsAt = 0;
  let timer = 0;

  const show = (message, ended) => {
    text.textContent = message;
    stay.classList.toggle('d-none', ended);
    login.classList.toggle('d-none', !ended);
    box.classList.remove('d-none');
  };
  const hide = () => box.classList.add('d-none');

  const tick = () => {
    const left = endsAt - Date.now();
    if (left <= 0) {
      show(msg.msgEnded, true);
      return;
    }
    if (left <= WARN_BEFORE_MS) show(msg.msgWarning.replace('{minutes}', String(Math.max(1, Math.ceil(left / 60000)))), false);
    // Again in a minute (to count down) or at the moment the warning is due.
    timer = window.setTimeout(tick, left <= WARN_BEFORE_MS ? Math.min(60000, left) : left - WARN_BEFORE_MS);
  };

  const restart = (ms) => {
    window.clearTimeout(timer);
    endsAt = Date.now() + ms;
    tick();
  };

  stay.addEventListener('click', async () => {
    try {
      const response = await fetch('/session/keep-alive', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrf ? csrf.value : '', Accept: 'application/json' },
      });
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      const body = await response.json();
      hide();
      restart(Number(body.remainingMs) || Number(msg.sessionMs));
    } catch {
      show(msg.msgFailed, true);
    }
  });

  restart(Number(msg.sessionMs));
})();
