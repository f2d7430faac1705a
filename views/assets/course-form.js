// Progressive enhancement for the new-course form: while the name is still the suggested one (or empty), it
// follows the chosen program, unit and start year ("Lớp … khóa N năm YYYY"). Without this file the server
// names a course left blank the same way.
(() => {
  const form = document.querySelector('form[data-course-form]');
  if (!form) return;
  const name = form.querySelector('[name="name"]');
  const inputs = ['programId', 'unitId', 'startDate'].map((n) => form.querySelector(`[name="${n}"]`)).filter(Boolean);
  let suggested = name.value;
  const refresh = async () => {
    if (name.value !== '' && name.value !== suggested) return;
    const params = new URLSearchParams();
    for (const input of inputs) if (input.value) params.set(input.name, input.value);
    const response = await fetch(`/courses/suggest-name?${params}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const { name: next } = await response.json();
    if (next && (name.value === '' || name.value === suggested)) {
      name.value = next;
      suggested = next;
    }
  };
  for (const input of inputs) input.addEventListener('change', refresh);
})();
