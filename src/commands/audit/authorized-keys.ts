import { CliError } from '../../core/errors.js';
import { defineCommand } from '../types.js';

export default defineCommand({
  configure() {},
  async run() {
    throw new CliError('not implemented yet');
  },
});
