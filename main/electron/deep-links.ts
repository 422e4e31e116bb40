import { app } from 'electron';
import { LINK_SCHEME, findLinkArgument } from '../app/deep-link.js';

/**
 * Makes `warroom://join?...` links open this app: registers the scheme, keeps one instance (a second launch
 * hands its link to the first and quits), and reports every link received. Returns false when this process
 * is the second instance and should quit.
 */
export function registerDeepLinks(onLink: (link: string) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(LINK_SCHEME, process.execPath, [process.argv[1]]);
  else app.setAsDefaultProtocolClient(LINK_SCHEME);
  app.on('second-instance', (_e, argv) => {
    const link = findLinkArgument(argv);
    if (link) onLink(link);
  });
  // macOS delivers links as an event, also for the launch itself.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onLink(url);
  });
  const atLaunch = findLinkArgument(process.argv);
  if (atLaunch) void app.whenReady().then(() => onLink(atLaunch));
  return true;
}
