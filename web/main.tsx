import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../renderer/styles/theme.css';
import '../renderer/styles/layout.css';
import '../renderer/styles/controls.css';
import './web.css';
import { App } from '../renderer/App.js';
import { openIncident } from '../renderer/state/actions.js';
import { useWarRoom } from '../renderer/state/store.js';
// Last: the phone layout's media queries override the features' own rules.
import '../renderer/styles/phone.css';
import { readViewerLink } from './viewer-link.js';
import { webBridge } from './web-bridge.js';
import { WebPeer } from './web-peer.js';

/**
 * The browser view: a viewer link (`<hub>/view/#<token>`) opened as a plain web page. The page joins the room as
 * a peer of its own, checks every signature as the app does, and shows the War Room window, read-only, opening
 * on the catch-up.
 */
async function start(): Promise<void> {
  const root = document.getElementById('root')!;
  const link = readViewerLink(location.hash, Date.now());
  if (!link.ok) return showProblem(root, link.error);
  let peer: WebPeer;
  try {
    peer = await WebPeer.start(link.value, location.origin);
  } catch (e) {
    return showProblem(root, e instanceof Error ? e.message : String(e));
  }
  // The window opens once the catch-up is in (or with the hub's reason for refusing the link).
  const firstSync = peer.session.whenSynced(60_000).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  window.warroom = webBridge(peer, firstSync);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  await openIncident(link.value.room);
  useWarRoom.getState().setCatchUpOpen(true);
}

function showProblem(root: HTMLElement, message: string): void {
  const main = document.createElement('main');
  main.className = 'list-main';
  const h1 = document.createElement('h1');
  h1.textContent = 'This link cannot be opened';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  main.append(h1, p);
  root.replaceChildren(main);
}

// Another invite pasted into the address bar is another room: start afresh.
window.addEventListener('hashchange', () => location.reload());
void start();
