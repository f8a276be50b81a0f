import { readConfigFile } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Make PROFILE the current profile')
      .argument('<profile>', 'profile name (see: ecs config list)')
      .addHelpText('after', '\nExamples:\n  ecs config use prod\n  ECS_PROFILE=dev ecs instance list   # one command only');
  },
  async run(ctx, [name]: [string]) {
    const file = readConfigFile(ctx.env);
    if (!Object.hasOwn(file.profiles ?? {}, name)) {
      throw new UsageError(`profile "${name}" does not exist (see: ecs config list)`);
    }
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would make ${name} the current profile; nothing changed`);
      return;
    }
    const { updateConfigFile } = await import('../../core/config-store.js');
    await updateConfigFile(ctx.env, (f) => {
      f.current = name;
    });
    ctx.note(`current profile: ${name}`);
  },
});
