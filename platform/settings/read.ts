/**
 * Reading a setting: `setting('LOOKUP_BUDGET_PER_DAY')` validates the variable's current value
 * against its schema (./variables.ts) and returns it typed, or throws a SettingError naming the
 * variable. The environment is read at each call (tests change it between cases); a parsed value is
 * cached per raw text, so a hot path (the pseudonym key, per row) costs a map lookup.
 */
import type { z } from 'zod';
import { SETTINGS, type Setting, type SettingName, type SettingValue } from './variables';

export class SettingError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable} ${reason}`);
    this.name = 'SettingError';
  }
}

const cache = new Map<string, { raw: string | undefined; value: unknown }>();

/** The first issue of a failed parse, without the value (a secret must never reach a log). */
export function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'is invalid';
}

/** Validates `raw` as `spec` says; throws a SettingError naming `name`. */
export function parseSetting<T>(name: string, spec: Setting<T>, raw: string | undefined): T {
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) throw new SettingError(name, issueText(parsed.error));
  return parsed.data;
}

export function setting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv = process.env): SettingValue<K> {
  const raw = env[name];
  const hit = env === process.env ? cache.get(name) : undefined;
  if (hit && hit.raw === raw) return hit.value as SettingValue<K>;
  const value = parseSetting(name, SETTINGS[name] as Setting<SettingValue<K>>, raw);
  if (env === process.env) cache.set(name, { raw, value });
  return value;
}

export const isProduction = (env: NodeJS.ProcessEnv = process.env) => setting('NODE_ENV', env) === 'production';

/** Throws when a development fallback is about to be used in production (start-up checks this first; this is the second line). */
export function refuseInProduction(what: string, variable: string): void {
  if (isProduction()) throw new SettingError(variable, `is not set: NODE_ENV=production never uses ${what}`);
}
