// Quick Exit for the loading screen of index.html, before the app's code has arrived (a slow network can
// take seconds). It does what src/layout/quick-exit.ts does: blank the page, end the session on the
// server, tell the other Lantern tabs, and replace (not push) the history entry with the neutral site.
// It is a file rather than an inline script because the Content-Security-Policy allows scripts from
// 'self' only (apps/api/src/configure-app.ts). Once the app has drawn its own screen (which replaces the
// loading screen and has its own Quick Exit and Shift shortcut), this one stands aside.
/* global document, window, navigator, fetch, performance, BroadcastChannel */
(function () {
  'use strict';
  // Keep these three in step with src/layout/quick-exit.ts and src/providers/tab-channel.ts.
  var NEUTRAL_SITE = 'https://www.weather.gov/';
  var LOGOUT_URL = '/api/v1/auth/logout';
  var CHANNEL_NAME = 'lantern-session';
  var SHIFT_WINDOW_MS = 1500;
  var leaving = false;

  function bootScreenShown() {
    return document.getElementById('boot-quick-exit') !== null;
  }

  function leave() {
    if (leaving) return;
    leaving = true;
    try {
      document.documentElement.style.setProperty('display', 'none', 'important');
      document.title = '';
    } catch {
      // Leaving matters more than blanking.
    }
    var queued = false;
    try {
      queued = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(LOGOUT_URL);
    } catch {
      queued = false;
    }
    if (!queued && typeof fetch === 'function') {
      // As in quick-exit.ts: the fetch says it is the web app (the API's CSRF check); the beacon carries the Origin.
      fetch(LOGOUT_URL, { method: 'POST', credentials: 'same-origin', keepalive: true, headers: { 'X-Lantern-Client': 'web' } }).catch(
        function () {},
      );
    }
    try {
      if (typeof BroadcastChannel !== 'undefined') new BroadcastChannel(CHANNEL_NAME).postMessage({ type: 'quick-exit' });
    } catch {
      // The other tabs are not told; this one still leaves.
    }
    window.location.replace(NEUTRAL_SITE);
  }

  var link = document.getElementById('boot-quick-exit');
  if (link) {
    // Without this script the link still leads to the neutral site, only as a new history entry.
    link.addEventListener('click', function (event) {
      event.preventDefault();
      leave();
    });
  }

  var presses = [];
  window.addEventListener(
    'keydown',
    function (event) {
      if (!bootScreenShown()) return;
      if (event.key !== 'Shift') {
        presses = [];
        return;
      }
      if (event.repeat) return;
      var now = performance.now();
      presses = presses.filter(function (at) {
        return now - at <= SHIFT_WINDOW_MS;
      });
      presses.push(now);
      if (presses.length >= 3) leave();
    },
    true,
  );
})();
