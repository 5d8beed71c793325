// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/static/nhsuk-frontend.min.js';
initAll();

// A region marked data-refresh-seconds (the discharge board) is fetched
// again in the background and swapped in place, so a board on the wall at
// the morning huddle stays current. Without JavaScript the page is the same,
// and reloading it does the same thing.
for (const region of document.querySelectorAll('[data-refresh-seconds][id]')) {
  const seconds = Math.max(15, Number(region.dataset.refreshSeconds) || 60);
  setInterval(async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById(region.id);
      if (fresh) region.innerHTML = fresh.innerHTML;
    } catch { /* offline for a moment: keep what is shown */ }
  }, seconds * 1000);
}
