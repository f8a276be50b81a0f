// One error type for everything the CLI reports. It carries the API's Code,
// RequestId etc. when it came from a backend, and the process exit code.

import { sanitize } from './sanitize.js';

export const ExitCode = {
  OK: 0,
  FAILURE: 1, // API or operation error
  USAGE: 2, // bad flags/arguments, missing --yes without a terminal
  AUDIT: 3, // audit findings at or above --fail-on
  AUTH: 4, // authentication / credentials
  TIMEOUT: 5, // timeout while waiting
  INTERRUPTED: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** API codes that mean "your credentials are wrong", mapped to exit 4. */
const AUTH_CODES = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId',
  'InvalidAccessKeySecret',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'Forbidden.AccessKeyDisabled',
  'Forbidden.RAM',
  'NoPermission',
  'Credentials.Missing',
]);

export interface CliErrorOptions {
  code?: string;
  exitCode?: number;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  httpStatus?: number;
  cause?: unknown;
  /** Extra data that -o json error output includes (e.g. per-item results). */
  data?: unknown;
}

export class CliError extends Error {
  readonly code?: string;
  readonly exitCode: number;
  readonly requestId?: string;
  readonly hostId?: string;
  readonly recommend?: string;
  readonly httpStatus?: number;
  readonly data?: unknown;

  constructor(message: string, opts: CliErrorOptions = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'CliError';
    this.code = opts.code;
    this.requestId = opts.requestId;
    this.hostId = opts.hostId;
    this.recommend = opts.recommend;
    this.httpStatus = opts.httpStatus;
    this.data = opts.data;
    this.exitCode = opts.exitCode ?? (opts.code && AUTH_CODES.has(opts.code) ? ExitCode.AUTH : ExitCode.FAILURE);
  }
}

/** An error answered by the ECS API (real or simulated): Code + Message + HTTP status. */
export class ApiError extends CliError {
  constructor(code: string, message: string, httpStatus = 400, opts: Omit<CliErrorOptions, 'code' | 'httpStatus'> = {}) {
    super(message, { ...opts, code, httpStatus });
    this.name = 'ApiError';
  }
}

export class UsageError extends CliError {
  constructor(message: string, code?: string) {
    super(message, { code, exitCode: ExitCode.USAGE });
    this.name = 'UsageError';
  }
}

export class AuthError extends CliError {
  constructor(message: string, code = 'Credentials.Missing') {
    super(message, { code, exitCode: ExitCode.AUTH });
    this.name = 'AuthError';
  }
}

export class WaitTimeoutError extends CliError {
  constructor(message: string) {
    super(message, { code: 'WaitTimeout', exitCode: ExitCode.TIMEOUT });
    this.name = 'WaitTimeoutError';
  }
}

export class InterruptedError extends CliError {
  constructor(message = 'interrupted') {
    super(message, { code: 'Interrupted', exitCode: ExitCode.INTERRUPTED });
    this.name = 'InterruptedError';
  }
}

/** One line for stderr: "error: <message> (<Code>, RequestId <id>)". */
export function formatErrorLine(err: CliError): string {
  const extra: string[] = [];
  // Code, RequestId and Message may come from a server: no control characters, sane length.
  const code = err.code && sanitize(err.code, { max: 100 });
  if (code && !err.message.includes(err.code!)) extra.push(code);
  if (err.requestId) extra.push(`RequestId ${sanitize(err.requestId, { max: 100 })}`);
  const msg = sanitize(err.message.replace(/\s*\n\s*/g, ' ').trim());
  return `error: ${msg}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export function errorJson(err: CliError): Record<string, unknown> {
  const e: Record<string, unknown> = { code: err.code ?? null, message: err.message };
  if (err.requestId) e.requestId = err.requestId;
  if (err.hostId) e.hostId = err.hostId;
  if (err.recommend) e.recommend = err.recommend;
  if (err.data !== undefined) e.data = err.data;
  return { error: e };
}
