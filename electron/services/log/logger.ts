/**
 * The only logger in main. It writes to stderr (never to a file: a log on disk is a record of
 * activity) and drops every meta field whose name suggests a secret, so a careless call site
 * cannot leak a passphrase or note body into a terminal or a crash report.
 */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** What a service that only reports recoverable trouble needs (vault, channel, PGP, panic, strength). */
export type WarnLogger = Pick<Logger, 'warn'>;

const SECRET_KEY = /pass|secret|key|token|body|text|content|plain|words|note|title|seed/i;

export function redact(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!meta) return {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(meta)) {
    if (SECRET_KEY.test(name)) out[name] = '[redacted]';
    else if (typeof value === 'string') out[name] = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[name] = value;
    else out[name] = `[${typeof value}]`;
  }
  return out;
}

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  quiet = false,
): Logger {
  const emit = (level: string, message: string, meta?: Record<string, unknown>): void => {
    if (quiet && level === 'info') return;
    write(JSON.stringify({ level, message, ...redact(meta) }));
  };
  return {
    info: (m, meta) => emit('info', m, meta),
    warn: (m, meta) => emit('warn', m, meta),
    error: (m, meta) => emit('error', m, meta),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
