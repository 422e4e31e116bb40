import './shortcuts.css';
import { useWarRoom } from '../state/store.js';
import { Dialog } from '../shared/Dialog.js';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ K', 'Command palette: every action by name'],
  ['Ctrl/⌘ E', 'Quick entry: h hypothesis, a action, n note; Enter posts'],
  ['#2 in an action', 'Link the action to hypothesis H2 (type # for a picker)'],
  ['Ctrl/⌘ F or /', 'Search the timeline'],
  ['Alt 1 … 4', 'Timeline, Hypotheses, Customers, Drafts'],
  ['On a hypothesis: i c x o', 'Investigating, Confirmed, Ruled out, Open; then type the evidence and press Enter'],
  ['On an action: p r d f v', 'Planned, Running, Done, Failed, Reverted'],
  ['Arrow keys', 'Move between cards on the board'],
  ['Ctrl/⌘ Enter', 'Save a draft'],
  ['Escape', 'Close a dialog or cancel an edit'],
];

export function ShortcutsDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} labelId="shortcuts-title">
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>{keys}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="form-actions">
        <button type="button" data-autofocus onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
