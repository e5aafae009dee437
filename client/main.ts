import './components/rt-app.js';

// Last line of defence: an error nobody caught is shown, never a blank page.
function showFatal(message: string): void {
  const app = document.querySelector('rt-app');
  app?.showError(message);
  console.error(message);
}
window.addEventListener('error', (e) => showFatal(e.message || 'Unexpected error'));
window.addEventListener('unhandledrejection', (e) => showFatal(e.reason instanceof Error ? e.reason.message : String(e.reason)));
