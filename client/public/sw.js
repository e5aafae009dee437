// Roundtable's service worker: keeps the app shell (the page and its hashed assets) on the
// device so a plan page reloads without a network. Plan data is never cached here: the plan
// itself lives in IndexedDB (y-indexeddb) and syncs over the websocket; /api answers are live.
const CACHE = 'roundtable-shell-v1';

/**
 * The app shell to keep at install: the build's shell.json (scripts/precompress.mjs: '/', the entry
 * and the chunks the first screen needs), so the second visit renders with the network off. A
 * build without it (development) keeps only '/'; the other assets are cached as they are used.
 */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  let files = ['/'];
  try {
    const res = await fetch('/shell.json', { cache: 'no-cache' });
    if (res.ok) {
      const body = await res.json();
      if (Array.isArray(body.files)) files = body.files.filter((f) => typeof f === 'string' && (f === '/' || f.startsWith('/assets/')));
    }
  } catch {
    // No manifest reachable: the page alone, as before.
  }
  await cache.addAll(files);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // Network first, so a new version is picked up; the cached shell when offline.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) caches.open(CACHE).then((cache) => cache.put('/', res.clone()));
          return res;
        })
        .catch(() => caches.match('/').then((hit) => hit ?? Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change: cache first.
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ??
          fetch(req).then((res) => {
            if (res.ok) caches.open(CACHE).then((cache) => cache.put(req, res.clone()));
            return res;
          }),
      ),
    );
  }
});
