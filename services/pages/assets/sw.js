/*
 * The engineer's pages' service worker (docs/offline.md), with Workbox from this service: pages are
 * network first (a copy kept for when there is no network), the pages' own files stale-while-revalidate.
 * Steps are not queued here: the page queues them (offline.js), so it can show what the API refused.
 */
/* global importScripts, workbox */
importScripts('/assets/workbox/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: '/assets/workbox/', debug: false });

self.addEventListener('install', function () {
  self.skipWaiting();
});
self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

// The work order, the trip sheet and the lists: read again when there is a network, else the copy.
workbox.routing.registerRoute(
  function (ctx) {
    return ctx.request.method === 'GET' && ctx.url.pathname.indexOf('/app/engineer') === 0;
  },
  new workbox.strategies.NetworkFirst({ cacheName: 'aftersales-pages', networkTimeoutSeconds: 4 }),
);
workbox.routing.registerRoute(
  function (ctx) {
    return ctx.request.method === 'GET' && ctx.url.pathname.indexOf('/assets/') === 0;
  },
  new workbox.strategies.StaleWhileRevalidate({ cacheName: 'aftersales-assets' }),
);
