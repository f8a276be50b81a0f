import { defineCommand } from '../types.js';
import { addExamples, fetchOne } from '../builders/index.js';
import { instance } from '../../resources/instance.js';

export default defineCommand({
  configure(cmd) {
    cmd.argument('<id>', 'instance ID');
    addExamples(
      cmd,
      ['ecs instance vnc-url i-bp67acfmxazb4ph6xxxx', 'ecs instance vnc-url i-bp67acfmxazb4ph6xxxx -o json'],
      `Prints the management terminal (VNC) URL of the instance (DescribeInstanceVncUrl); it is
valid for 15 seconds and for one connection. The first connection shows the initial VNC
password once; set another with ecs instance vnc-password.`,
    );
  },
  completion: { args: [{ resource: 'instance', statuses: ['Running'] }] },
  async run(ctx, [id]) {
    const api = await ctx.api();
    await fetchOne(ctx, api, instance, id);
    if (ctx.globals.dryRun) {
      ctx.note(`dry run: would ask for the VNC URL of ${id} (nothing was changed)`);
      return;
    }
    const res = await api.call('DescribeInstanceVncUrl', { RegionId: ctx.region, InstanceId: id }, { signal: ctx.abort.signal });
    const url = res.VncUrl ?? '';
    if (ctx.outputFormat === 'table' && !ctx.globals.query) {
      ctx.io.stdout.write(url + '\n');
      return;
    }
    await ctx.render({ InstanceId: id, VncUrl: url, RequestId: res.RequestId }, { columns: [{ header: 'InstanceId', get: 'InstanceId' }, { header: 'VncUrl', get: 'VncUrl' }], id: 'InstanceId' }, true);
  },
});
