// Roundtable's service worker: keeps the app shell (the page and its hashed assets) on the
// device so a plan page reloads without a network. Plan data is never cached here: the plan
// itself lives in IndexedDB (y-indexeddb) and syncs over the websocket; /api answers are live.
const CACHE = 'roundtable-shell-v1';
/**
 * This build's id, written here by scripts/precompress.mjs (a hash of the build's asset names): a
 * new build changes this file, so the browser installs it and the old build's assets are dropped.
 */
const BUILD = 'dev';

/** The build's shell.json (`files`, `assets`, `build`), or null when it cannot be read (offline, development). */
async function shellManifest() {
  try {
    const res = await fetch('/shell.json', { cache: 'no-cache' });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * The app shell to keep at install: the build's shell.json (scripts/precompress.mjs: '/', the entry,
 * the chunks the first screen needs, the default view's chunks and texts, the home page), so the second visit
 * renders with the network off. A
 * build without it (development) keeps only '/'; the other assets are cached as they are used.
 */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  const body = await shellManifest();
  // The first screen with its default view and texts and the home page (`precache`), so an offline
  // reload renders the plan page, not only the header, and `/` opens; no manifest reachable: the
  // page alone; the other assets are cached as they are used.
  const list = Array.isArray(body?.precache) ? body.precache : Array.isArray(body?.firstLoad) ? body.firstLoad : body?.files;
  const files = Array.isArray(list) ? list.filter((f) => typeof f === 'string' && (f === '/' || f.startsWith('/assets/'))) : ['/'];
  await cache.addAll(files);
}

/**
 * Drops cached assets that are not part of the current build (SPEC BL3): hashed file names of
 * older builds would otherwise stay on the device for ever. Keeps everything when the build's
 * asset list cannot be read (offline), so an offline start never loses the shell.
 */
async function purgeOldAssets() {
  const body = await shellManifest();
  if (!Array.isArray(body?.assets)) return;
  const current = new Set(body.assets);
  const cache = await caches.open(CACHE);
  for (const req of await cache.keys()) {
    const { pathname } = new URL(req.url);
    if (pathname.startsWith('/assets/') && !current.has(pathname)) await cache.delete(req);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(purgeOldAssets)
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
