// What a verb module exports, and what the registry knows about it without loading it.

import type { Command } from 'commander';
import type { Context } from '../core/context.js';

export interface CommandModule {
  /** Declare arguments, options, help text (examples first) on the commander command. */
  configure(cmd: Command): void;
  /**
   * Do the work. `args` are the positional arguments in declaration order (variadic ones
   * as arrays), `opts` the verb's own options. Return an exit code or nothing for 0.
   */
  run(ctx: Context, args: any[], opts: Record<string, any>): Promise<number | void>;
  /**
   * What completion offers for the positional arguments (in order) and for options
   * (by long name, "--zone"): a resource by its descriptor name (src/resources/index.ts),
   * optionally only items in some statuses; files; config profiles.
   */
  completion?: CompletionDecl;
}

/**
 * A completion target: a resource by descriptor name (`statuses`: offer items in these
 * statuses first, stop → Running), fixed values, files, or config profiles.
 */
export type CompletionTarget = { resource: string; statuses?: readonly string[] } | { values: readonly string[] } | 'file' | 'profile';

export interface CompletionDecl {
  args?: (CompletionTarget | undefined)[];
  options?: Record<string, CompletionTarget>;
}

/** A node of the command tree: a group (children) or a verb (load). */
export interface CommandNode {
  name: string;
  summary: string;
  aliases?: string[];
  hidden?: boolean;
  children?: CommandNode[];
  load?: () => Promise<CommandModule>;
}

export function defineCommand(m: CommandModule): CommandModule {
  return m;
}

export function group(name: string, summary: string, children: CommandNode[], aliases?: string[]): CommandNode {
  return { name, summary, children, aliases };
}
