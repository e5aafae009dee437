import { preferredLocale, setLocale } from './i18n.js';

// Last line of defence: an error nobody caught is shown, never a blank page.
function showFatal(message: string): void {
  const app = document.querySelector('rt-app');
  app?.showError(message);
  console.error(message);
}
window.addEventListener('error', (e) => showFatal(e.message || 'Unexpected error'));
window.addEventListener('unhandledrejection', (e) => showFatal(e.reason instanceof Error ? e.reason.message : String(e.reason)));

// Keep the app shell on the device so a plan page reloads while offline (the plan itself is in
// IndexedDB). Only on http(s) pages served by Roundtable, never on file:// or in tests without it.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('/sw.js').catch((err: unknown) => console.warn('offline shell unavailable:', err));
}

// The reader's language before the first render, so no screen flashes in English first. A catalogue
// that cannot load (offline on a first visit in that language) leaves English on.
await setLocale(preferredLocale(), false).catch((err: unknown) => console.warn('language unavailable, using English:', err));
await import('./components/rt-app.js');
