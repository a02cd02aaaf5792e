/**
 * Structured JSON logs (pino) on stdout, one object a line, for a log shipper to collect. What goes
 * in is decided where a line is written: identifiers of the request (request id, agency, operator,
 * operation), never arguments, results or the free-text purpose (they may carry personal data;
 * the audit trail holds what was asked, under its own access rules).
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { setting } from '../settings/read';

let root: Logger | undefined;

/** The process's logger; `name` (router, population, …) is on every line. */
export function logger(name: string): Logger {
  root ??= pino({ level: setting('LOG_LEVEL'), base: { process: name, pid: process.pid } });
  return root;
}

/** A purpose is free text a client wrote: logged as a short digest that matches the audit row's text, never as itself. */
export function purposeDigest(purpose: string | undefined): string | undefined {
  return purpose ? `sha256:${createHash('sha256').update(purpose).digest('hex').slice(0, 16)}` : undefined;
}
