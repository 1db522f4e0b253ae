/**
 * How Haven drives Debian's Chromium (browser tests and the page-weight script): headless,
 * and with its background networking off so it contacts nothing but the pages we open.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
