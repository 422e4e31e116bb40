import { phraseFindings } from './scan.js';
import type { LintContext, LintRule } from './types.js';
import { allowedByTeam, isCloudRegion, isProductName } from './public-names.js';

// An exec or internal update may name hosts and tickets; anything a customer can read must not.
const forInternalEyes = (ctx: LintContext): boolean => ctx.audience === 'internal';

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const INFRA = String.raw`(?:db|database|pg|postgres|mysql|sql|mongo|redis|cache|memcache|kafka|zk|etcd|es|elastic|web|www|api|app|lb|elb|alb|proxy|haproxy|nginx|node|worker|host|srv|server|prod|production|stg|staging|dev|k8s|vm|fw|firewall|gw|gateway|router|switch|sw|nat|dns|mq|rabbit|vault|edge|cdn|ingress|bastion|jump|batch|queue|rds|ec2|gke|eks|aks|replica|primary|secondary|standby|shard|cluster|rack|dc|az|us|eu|ap|sa|ca|me|af)`;

const HOST_PATTERNS = [
  new RegExp(String.raw`\b${OCTET}(?:\.${OCTET}){3}(?::\d{1,5})?(?:/\d{1,2})?\b`, 'g'),
  /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi,
  /(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4})?(?![\w:])/gi,
  /\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:internal|corp|local|lan|intra|intranet|localdomain|priv|private|home\.arpa)\b/gi,
  /\blocalhost(?::\d+)?\b/gi,
  // Machine names: db-primary-01, web-03, us-east-1. Lower case only, so "COVID-19" or "Q3-2024" are left alone.
  new RegExp(String.raw`(?<![\w.-])${INFRA}(?:-[a-z0-9]+)*-\d{1,4}[a-z]?(?![\w-])`, 'g'),
  /(?<![\w.-])[a-z]{2,}(?:-[a-z]{2,}){1,}(?:-[a-z0-9]+)*-\d{1,4}[a-z]?(?![\w-])/g,
];

/** Hostnames, internal domains and IP addresses: a security leak, and meaningless to the reader. */
export const internalHost: LintRule = {
  id: 'internal-host',
  severity: 'error',
  title: 'Internal hostnames, internal domains or IP addresses (db-primary-01, *.internal, 10.0.3.7)',
  check(doc, ctx) {
    if (forInternalEyes(ctx)) return [];
    return phraseFindings(this, doc, HOST_PATTERNS, (m) => {
      // "us-east-1", "prod-us-west-0" name a region customers pick; the team's own words are theirs to use.
      if (isCloudRegion(m.text) || allowedByTeam(m, ctx)) return null;
      return {
        message: `"${m.text}" is an internal machine name or address. It means nothing to customers, makes the update look copied from a chat channel, and tells attackers how the network is laid out.`,
        suggestion: 'Describe the part in the customer\'s terms: "our primary database", "the service that processes card payments".',
      };
    });
  },
};

const TRACE_PATTERNS = [
  /(?<=^[ \t]*)at\s+[\w$.<>[\]]+\s*\(.*?:\d+(?::\d+)?\)/gm,
  /(?<=^[ \t]*)at\s+\S+:\d+:\d+(?=\s*$)/gm,
  /\bTraceback \(most recent call last\):?/g,
  /(?<=^[ \t]*)File "[^"]+", line \d+/gm,
  /\bException in thread\b/g,
  /\b(?:[a-z_][\w]*\.){2,}[A-Z]\w*(?:Exception|Error)\b/g,
  /\b[A-Z][a-z]+(?:[A-Z][a-z]*)*(?:Exception|Error):/g,
  /\bpanic:\s/g,
  /\bgoroutine \d+ \[/g,
  /\bsegmentation fault\b|\bcore dumped\b|\bsegfault\b/gi,
];

/** A pasted error or stack trace: unreadable for customers, and it can leak code paths and data. */
export const stackTrace: LintRule = {
  id: 'stack-trace',
  severity: 'error',
  title: 'Stack traces and raw error output',
  check(doc, ctx) {
    if (forInternalEyes(ctx)) return [];
    return phraseFindings(this, doc, TRACE_PATTERNS, (m) => ({
      message: `"${m.text.trim()}" is raw error output. Customers cannot read it, it can leak code paths and data, and it shows the update was pasted, not written for them.`,
      suggestion: 'Remove the trace and say in one sentence what failed: "our payment service could not reach its database".',
    }));
  },
};

const JARGON_PATTERNS = [
  /\bk8s\b|\bkubernetes\b|\bkubectl\b/gi,
  /\bpods?\b/gi,
  /\breplica(?:tion)?\s+lag\b/gi,
  /\bOOM(?:[- ]?kill(?:ed|er)?|s)?\b/g,
  /\bCrashLoopBackOff\b|\bImagePullBackOff\b/gi,
  /\betcd\b|\bzookeeper\b/gi,
  /\bshards?\b/gi,
  /\bp(?:50|90|95|99|999)\b/gi,
  /\bRCA\b/g,
  /\b(?:postgres(?:ql)?|mysql|redis|kafka|rabbitmq|elasticsearch|nginx|haproxy|memcached|cassandra)\b/gi,
  /\bnode\s+pools?\b|\bcron\s?jobs?\b|\bdeadlocks?\b|\bthread\s+pools?\b|\bconnection\s+pools?\b/gi,
];

/** Engineering shorthand: customers need to know what it means for them, not which component broke. */
export const internalJargon: LintRule = {
  id: 'internal-jargon',
  severity: 'warning',
  title:
    'Internal jargon (k8s, pods, replica lag, p99, names of internal components; not status codes, protocols or products customers use)',
  check(doc, ctx) {
    if (forInternalEyes(ctx)) return [];
    return phraseFindings(this, doc, JARGON_PATTERNS, (m, sentence) => {
      // "Managed Postgres clusters", "Redis Cloud": a product customers buy, not our machinery.
      if (allowedByTeam(m, ctx) || isProductName(doc.text, m, sentence)) return null;
      return {
        message: `"${m.text}" is engineering shorthand. Most customers will not know what it means, and it shifts the update from their problem to our machinery.`,
        suggestion:
          'Say what it means for the customer: "our database fell behind, so some recent orders do not show yet", not "replica lag".',
      };
    });
  },
};

// Public identifiers that look like tickets: time-zone offsets, standards, CVEs.
const NOT_A_TICKET = /^(?:UTC|GMT|ISO|COVID|CVE|SARS|EN|IEC|RFC|PCI|SOC|TLS|SSL|HTTP|IPV|MP|AES|SHA|RSA)-/;

/** Ticket ids: the customer cannot open OPS-1234, and it signals the update was written for us. */
export const ticketId: LintRule = {
  id: 'ticket-id',
  severity: 'warning',
  title: 'Internal ticket ids (OPS-1234, INC-42)',
  check(doc, ctx) {
    if (forInternalEyes(ctx)) return [];
    return phraseFindings(this, doc, [/\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/g], (m) => {
      // "EU-WEST-2" is a region read as "WEST-2"; public ids the team allows are not tickets either.
      if (NOT_A_TICKET.test(m.text) || /[A-Z]{2}-$/.test(doc.text.slice(Math.max(0, m.start - 3), m.start)) || allowedByTeam(m, ctx))
        return null;
      return {
        message: `"${m.text}" looks like an internal ticket id. Customers cannot open it, and it tells them the update was written for us, not for them.`,
        suggestion:
          'Remove the ticket id; if customers need a reference, give them the public incident link or a support case number they can quote.',
      };
    });
  },
};
