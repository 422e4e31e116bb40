import './badges.css';
import type { Severity } from '../../src/model/vocabulary.js';

/** A status word in its colour; the word itself carries the meaning (never colour alone). */
export function StatusBadge({ status, className = '' }: { status: string; className?: string }) {
  return <span className={`status status-${status} ${className}`}>{status.replace('-', ' ')}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity.toLowerCase()}`} title={`Severity ${severity.slice(3)}`}>
      {severity}
    </span>
  );
}
