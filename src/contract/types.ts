/**
 * The request and response types of every route, from the contract's table (routes.ts): what the tab's
 * client imports, by `import type` only. A body is the schema's input (defaults may be left out); a
 * query is the schema's output (the client writes arrays as `a,b` and booleans as `true`).
 */
import type { z } from 'zod';
import type { ParamsOf } from './endpoints';
import type { RouteName, Routes, Returns } from './routes';

export type { RouteName, Routes };
export type { DevUser, FileAnswer, Me, MeetingAgenda, MeetingCaseChange, NextMeeting } from './routes';

/** What the tab sends as the JSON body of route `K`. */
export type BodyOf<K extends RouteName> = Routes[K] extends { body: infer S extends z.ZodType }
  ? z.input<S>
  : never;

/** The body as the server's handler receives it, parsed (defaults filled in). */
export type ParsedBodyOf<K extends RouteName> = Routes[K] extends { body: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** The query of route `K`, as values (the handler's parsed form; the client encodes it). */
export type QueryOf<K extends RouteName> = Routes[K] extends { query: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** The answer of route `K`. */
export type ResponseOf<K extends RouteName> = Routes[K]['returns'] extends Returns<infer T> ? T : never;

/** The path parameters of route `K`, by name. */
export type ParamsOfRoute<K extends RouteName> = Record<ParamsOf<Routes[K]['path']>, string>;
