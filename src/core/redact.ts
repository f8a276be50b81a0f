// Redaction for --debug logs: secrets never reach stderr in full.

const SECRET_KEY = /(secret|password|passwd|passphrase|token|privatekey|private_key|signature|authorization|credential)/i;

/** Names that match SECRET_KEY but hold no secret: paging cursors and idempotency tokens. */
const NOT_SECRET = new Set(['nexttoken', 'clienttoken']);

export function isSecretKey(key: string): boolean {
  const k = key.replace(/[-_.]/g, '');
  return SECRET_KEY.test(k) && !NOT_SECRET.has(k.toLowerCase());
}

/** Deep copy of a value with secret-looking fields replaced by "<redacted>". */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== '' ? '<redacted>' : redact(v);
    }
    return out;
  }
  if (typeof value === 'string' && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return '<redacted private key>';
  if (typeof value === 'string') return redactJsonString(value);
  return value;
}

/**
 * Parameters the API takes as JSON strings (RunCommand.Parameters {"password": …}) carry
 * secrets under their own keys: redact inside them too.
 */
function redactJsonString(s: string): string {
  if (!/^\s*\{/.test(s) || !/"[^"]*(secret|password|passwd|passphrase|token|privatekey|credential)[^"]*"\s*:/i.test(s)) return s;
  try {
    return JSON.stringify(redact(JSON.parse(s)));
  } catch {
    return '<redacted>';
  }
}

/** Redact secret values in a query string / form body ("a=1&Password=x"). */
export function redactQuery(qs: string): string {
  return qs
    .split('&')
    .map((kv) => {
      const i = kv.indexOf('=');
      if (i < 0) return kv;
      const k = decodeURIComponent(kv.slice(0, i));
      if (isSecretKey(k)) return `${kv.slice(0, i)}=<redacted>`;
      let v: string;
      try {
        v = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      } catch {
        return kv;
      }
      const r = redactJsonString(v);
      return r === v ? kv : `${kv.slice(0, i)}=${encodeURIComponent(r)}`;
    })
    .join('&');
}
