import { useWarRoom } from '../state/store.js';

/** "Public" in the header's line while the incident is on the status page: what customers can see is never a surprise. */
export function PublicBadge() {
  const isPublic = useWarRoom((s) => s.incidentState?.isPublic ?? false);
  if (!isPublic) return null;
  return (
    <span className="chip public-chip" data-testid="public-chip" title="On the hub's public status page (Details, Status page)">
      Public
    </span>
  );
}
