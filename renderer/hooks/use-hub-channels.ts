import { useEffect, useState } from 'react';
import type { ChannelsView } from '../../src/ipc/contract.js';
import { invoke } from '../state/bridge.js';
import { useWarRoom } from '../state/store.js';

const REFRESH_MS = 10_000;

/**
 * What the open incident's hub does with published updates (`hub:channels`): asked when the incident or its
 * connection changes, when `refresh` changes (a publication, a delivery arriving), and every 10 s while shown
 * (webhook retries happen on the hub, and nothing in the room says so). null until the first answer.
 */
export function useHubChannels(refresh: unknown = null): ChannelsView | null {
  const incident = useWarRoom((s) => s.current);
  const connection = useWarRoom((s) => (s.current ? (s.syncStatus[s.current]?.state ?? 'local') : 'local'));
  const [view, setView] = useState<ChannelsView | null>(null);
  useEffect(() => {
    if (!incident) return;
    let live = true;
    const ask = async () => {
      const r = await invoke('hub:channels', { incident });
      if (live) setView(r.ok ? r.value : { hub: null, reason: r.error });
    };
    void ask();
    const timer = setInterval(() => void ask(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [incident, connection, refresh]);
  return view;
}
