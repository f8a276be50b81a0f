import { Directive, complete, formatCompletion } from '../../completion/complete.js';
import { defineCommand } from '../types.js';

// Reached only when bin/ecs.js's fast path is not used (in-process runs). The scripts pass
// "--" first, so commander leaves every word (options included) to this verb.
export default defineCommand({
  configure(cmd) {
    cmd.argument('[words...]').allowUnknownOption().allowExcessArguments().helpOption(false);
  },
  async run(ctx, [words]: [string[] | undefined]) {
    let text: string;
    try {
      text = formatCompletion(await complete(words ?? [], ctx.env));
    } catch {
      text = `:${Directive.NoFileComp}\n`;
    }
    ctx.io.stdout.write(text);
  },
});
