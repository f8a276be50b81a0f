import { Argument } from 'commander';
import { SHELLS, script, type Shell } from '../../completion/scripts.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Print the shell completion script for bash, zsh or fish')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
      .addHelpText(
        'after',
        `
The script completes commands, options, option values (regions, zones, instance types,
statuses, output formats) and resource IDs from the active backend, cached for 5 minutes
under $XDG_CACHE_HOME/ecs. The same files are in the package's completions/ directory.

bash:
  source <(ecs completion bash)                     # this shell
  ecs completion bash > ~/.local/share/bash-completion/completions/ecs

zsh (after compinit):
  source <(ecs completion zsh)                      # this shell
  ecs completion zsh > "\${fpath[1]}/_ecs"           # then start a new shell

fish:
  ecs completion fish | source                      # this shell
  ecs completion fish > ~/.config/fish/completions/ecs.fish`,
      );
  },
  async run(ctx, [shell]: [Shell]) {
    ctx.io.stdout.write(script(shell));
  },
});
