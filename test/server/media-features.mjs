// A test-runner command that emulates CSS media features (prefers-color-scheme, forced-colors,
// prefers-reduced-motion): through the DevTools protocol in Chromium, which knows them all, else
// through puppeteer. Answers false where the browser cannot emulate them (Firefox over BiDi).
export function mediaFeatures() {
  // Emulation lasts as long as the DevTools session that set it: keep one per page.
  const sessions = new WeakMap();
  return {
    name: 'media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      const page = session.browser.getPage(session.id);
      try {
        if (page.browser().protocol === 'cdp') {
          if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
          await sessions.get(page).send('Emulation.setEmulatedMedia', { features: payload });
        } else {
          await page.emulateMediaFeatures(payload);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
