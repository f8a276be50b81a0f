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
  /** The verb accepts -o sarif (the audits); other verbs refuse it as a usage error. */
  sarif?: boolean;
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
