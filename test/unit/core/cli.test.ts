import { describe, expect, it } from 'vitest';
import { findPath } from '../../../src/cli.js';
import { resolveConfig } from '../../../src/core/config.js';
import { CliError, ExitCode, formatErrorLine } from '../../../src/core/errors.js';
import { renderTable } from '../../../src/core/output.js';
import { redact, redactQuery } from '../../../src/core/redact.js';
import { flattenParams, percentEncode } from '../../../src/api/wire.js';
import { colorAllowed } from '../../../src/core/io.js';

describe('core', () => {
  it('findPath skips global option values', () => {
    const tree = [{ name: 'instance', summary: '', children: [{ name: 'list', summary: '', load: async () => ({}) as any }] }];
    expect(findPath(['--region', 'instance', 'instance', 'list', '-o', 'json'], tree).path).toEqual(['instance', 'list']);
    expect(findPath(['instance', 'nope'], tree).leaf).toBeUndefined();
  });

  it('config precedence: flag > env > profile > default', () => {
    const file = { current: 'p', profiles: { p: { region: 'cn-beijing', backend: 'remote' as const, accessKeyId: 'AK', accessKeySecret: 'S' } } };
    expect(resolveConfig({}, {}, file).region).toBe('cn-beijing');
    expect(resolveConfig({}, { ALIBABA_CLOUD_REGION_ID: 'cn-shanghai' }, file).region).toBe('cn-shanghai');
    expect(resolveConfig({ region: 'us-west-1' }, { ALIBABA_CLOUD_REGION_ID: 'cn-shanghai' }, file).region).toBe('us-west-1');
    expect(resolveConfig({}, {}, {}).region).toBe('cn-hangzhou');
    expect(resolveConfig({}, {}, {}).backend).toBe('simulator');
    const envCreds = resolveConfig({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'E', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ES' }, file);
    expect([envCreds.accessKeyId, envCreds.accessKeySecret, envCreds.sources.credentials]).toEqual(['E', 'ES', 'env']);
    expect(() => resolveConfig({ profile: 'missing' }, {}, file)).toThrow(/profile "missing" does not exist/);
    expect(() => resolveConfig({ backend: 'cloud' }, {}, file)).toThrow(/invalid backend/);
  });

  it('error lines carry the API code and request id; auth codes exit 4', () => {
    const e = new CliError('The specified InstanceId does not exist.', { code: 'InvalidInstanceId.NotFound', requestId: 'R-1' });
    expect(formatErrorLine(e)).toBe('error: The specified InstanceId does not exist. (InvalidInstanceId.NotFound, RequestId R-1)');
    expect(e.exitCode).toBe(ExitCode.FAILURE);
    expect(new CliError('x', { code: 'SignatureDoesNotMatch' }).exitCode).toBe(ExitCode.AUTH);
  });

  it('tables: aligned with header on a terminal, TSV without one', () => {
    const items = [{ InstanceId: 'i-1', Status: 'Running' }, { InstanceId: 'i-22', Status: '' }];
    const spec = { columns: [{ header: 'id', get: 'InstanceId' }, { header: 'status', get: 'Status' }] };
    expect(renderTable(items, spec, true)).toBe('ID     STATUS\ni-1    Running\ni-22   -\n');
    expect(renderTable(items, spec, false)).toBe('i-1\tRunning\ni-22\t-\n');
  });

  it('redaction and wire encoding', () => {
    expect(redact({ Password: 'x', Nested: { AccessKeySecret: 's', Name: 'n' } })).toEqual({ Password: '<redacted>', Nested: { AccessKeySecret: '<redacted>', Name: 'n' } });
    expect(redactQuery('A=1&Password=abc&SecurityToken=t')).toBe('A=1&Password=<redacted>&SecurityToken=<redacted>');
    expect(flattenParams({ A: [1, 2], B: { C: 'x' }, D: [{ E: true }], U: undefined })).toEqual({ 'A.1': '1', 'A.2': '2', 'B.C': 'x', 'D.1.E': 'true' });
    expect(percentEncode("a b*~'")).toBe('a%20b%2A~%27');
  });

  it('colour: NO_COLOR and --no-color win even on a TTY', () => {
    expect(colorAllowed({}, true)).toBe(true);
    expect(colorAllowed({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorAllowed({}, true, true)).toBe(false);
    expect(colorAllowed({}, false)).toBe(false);
  });
});

describe('--debug redaction (issue 7 §1.9)', () => {
  it('paging cursors and idempotency tokens are not secrets; security tokens and passwords are', () => {
    expect(redact({ NextToken: 'caeba0bbb2be03f84eb48b699f0a4883', ClientToken: 'tok-1', SecurityToken: 's', Password: 'p', AccessKeySecret: 'x' })).toEqual({
      NextToken: 'caeba0bbb2be03f84eb48b699f0a4883',
      ClientToken: 'tok-1',
      SecurityToken: '<redacted>',
      Password: '<redacted>',
      AccessKeySecret: '<redacted>',
    });
    expect(redactQuery('Action=DescribeInstances&NextToken=abc123&SecurityToken=t')).toBe('Action=DescribeInstances&NextToken=abc123&SecurityToken=<redacted>');
  });
});
