// Progressive enhancement for the results grid: as attendance and score are typed, each row says at once when
// its result will not complete — attendance below the program's share, or a passing score with no attendance yet —
// before anything is saved. The rule and the messages come from the table's data-* attributes (the server fills
// in the program's values); the server draws the same note for stored values, and decides on saving.
(() => {
  'use strict';
  const table = document.querySelector('table[data-grid]');
  if (!table) return;
  const rule = {
    completionRule: table.dataset.rule,
    pass: Number(table.dataset.pass),
    minAttendance: Number(table.dataset.minAttendance),
    msgBelow: table.dataset.msgBelow || '',
    msgMissing: table.dataset.msgMissing || '',
  };
  const percentText = new Intl.NumberFormat(table.dataset.numberLocale || 'vi-VN', { maximumFractionDigits: 1, useGrouping: false });

  /** "92,5" → 92.5; "" → null; anything else → NaN (the server marks it on saving). */
  const decimal = (value) => {
    const text = String(value ?? '').trim().replace(',', '.');
    if (text === '') return null;
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  };

  // The same rule as resultNote in server/programs/grading.ts.
  const noteFor = (percent, score) => {
    if (Number.isNaN(percent) || Number.isNaN(score)) return '';
    if (!(rule.minAttendance > 0)) return '';
    if (percent !== null) {
      const share = Math.round(percent * 10) / 1000;
      return share < rule.minAttendance ? rule.msgBelow.replace('{attendance}', `${percentText.format(share * 100)}%`) : '';
    }
    return rule.completionRule === 'score' && score !== null && score >= rule.pass ? rule.msgMissing : '';
  };

  const refresh = (row) => {
    const attendance = row.querySelector('input[name^="a_"]');
    const note = row.querySelector('[data-result-note]');
    if (!attendance || !note) return; // a frozen (certified) row keeps the note the server drew
    const score = row.querySelector('input[name^="s_"]');
    const text = noteFor(decimal(attendance.value), decimal(score ? score.value : ''));
    if (note.textContent !== text) note.textContent = text;
    row.classList.toggle('grid-warning', text !== '');
  };

  table.addEventListener('input', (event) => {
    const row = event.target instanceof HTMLInputElement ? event.target.closest('tr[data-row]') : null;
    if (row) refresh(row);
  });
})();
