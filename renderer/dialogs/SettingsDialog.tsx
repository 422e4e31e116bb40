import { useState, type FormEvent } from 'react';
import { setClock, setDisplayName, setTheme } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { CLOCKS, THEMES, type Clock, type Theme } from '../../src/ipc/contract.js';
import { Dialog, FormError, SubmitOrCancel } from '../shared/Dialog.js';

/** The name teammates see on everything you write, the theme and how clock times are written. */
const CLOCK_LABELS: Record<Clock, string> = { system: 'Same as the system', '24h': '24-hour (15:37)', '12h': '12-hour (3:37 PM)' };

export function SettingsDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const prefs = useWarRoom((s) => s.prefs);
  const me = useWarRoom((s) => s.info?.actor.name ?? '');
  const [name, setName] = useState(prefs?.displayName || me);
  const theme = useWarRoom((s) => s.theme);
  const clock = useWarRoom((s) => s.prefs?.clock ?? 'system');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Your name cannot be empty: teammates see it on everything you write.');
    const r = await setDisplayName(name.trim());
    if (!r.ok) return setError(r.error);
    close();
  };

  return (
    <Dialog title="You" onClose={close} labelId="settings-title">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          Your name
          <input data-autofocus value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        <label>
          Theme
          <select aria-label="Theme" value={theme} onChange={(e) => void setTheme(e.target.value as Theme)}>
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {t === 'system' ? 'Same as the system' : t === 'light' ? 'Light' : 'Dark'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Clock
          <select aria-label="Clock" value={clock} onChange={(e) => void setClock(e.target.value as Clock)}>
            {CLOCKS.map((c) => (
              <option key={c} value={c}>
                {CLOCK_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <FormError error={error} />
        <SubmitOrCancel label="Save" onCancel={close} />
      </form>
    </Dialog>
  );
}
