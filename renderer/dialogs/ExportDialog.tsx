import { Fragment } from 'react';
import { EXPORTS, EXPORT_TARGETS, type ExportTarget } from '../../src/export/export-formats.js';
import { exportAs } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { Dialog } from '../shared/Dialog.js';

export function ExportDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const pdf = useWarRoom((s) => s.info?.features.pdf ?? false);
  const choose = (format: ExportTarget, options: { bom?: boolean } = {}) => {
    close();
    void exportAs(format, options);
  };
  return (
    <Dialog title="Export this incident" onClose={close} labelId="export-title">
      <ul className="choice-list">
        {EXPORT_TARGETS.filter((f) => f !== 'pdf' || pdf).map((f, i) => (
          <Fragment key={f}>
            <li>
              <button type="button" data-autofocus={i === 0 ? true : undefined} onClick={() => choose(f)}>
                {EXPORTS[f].label}
              </button>
            </li>
            {f === 'csv' ? (
              <li>
                {/* Excel on Windows reads UTF-8 without a byte order mark in the local code page and garbles non-ASCII names. */}
                <button type="button" onClick={() => choose('csv', { bom: true })}>
                  CSV timeline for Excel (UTF-8 with BOM)
                </button>
              </li>
            ) : null}
          </Fragment>
        ))}
      </ul>
    </Dialog>
  );
}
