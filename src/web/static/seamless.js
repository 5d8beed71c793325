// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/static/nhsuk-frontend.min.js';
initAll();
