// Which browser origins may talk to the node. Pages served from loopback (a dapp on
// http://localhost:5173, a wallet UI on 127.0.0.1) get CORS headers; requests without an Origin
// (curl, Hardhat, Foundry, scripts) and from browser extensions (MetaMask) pass without them; a web
// page from anywhere else is refused outright. Refusing, not merely withholding CORS headers, matters:
// a text/plain POST needs no preflight and WebSockets ignore CORS, so without it any site a developer
// visits could send transactions from the unlocked development accounts (geth's --ws.origins idea).

export type OriginPolicy = 'no-origin' | 'loopback' | 'extension' | 'refused';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

/** How a request with this `Origin` header is treated. */
export function originPolicy(origin: string | undefined): OriginPolicy {
  if (origin === undefined) return 'no-origin';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'refused'; // includes the opaque origin "null" of sandboxed frames and file:// pages
  }
  if (EXTENSION_SCHEMES.has(url.protocol)) return 'extension';
  if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) return 'loopback';
  return 'refused';
}

/** Whether a page of this origin gets `Access-Control-Allow-Origin`. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  return originPolicy(origin) === 'loopback';
}
