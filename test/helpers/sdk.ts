// The official Alibaba SDK (@alicloud/ecs20140526 on @alicloud/openapi-core) for the
// conformance tests: one way to build a client for a served simulator, and to catch the
// error of a call that must fail.
import { createRequire } from 'node:module';
import type { ServedSimulator } from './served.js';

const require = createRequire(import.meta.url);
/** The SDK module: request classes (Ecs.RunInstancesRequest …) and the client (Ecs.default). */
export const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

export interface SdkOptions {
  /** 'v3' (ACS3-HMAC-SHA256, the SDK's default) or 'v1' (the SDK's signatureAlgorithm 'v2'). */
  algorithm?: 'v3' | 'v1';
  /** The client's regionId; null sends none. */
  regionId?: string | null;
  accessKeyId?: string;
  accessKeySecret?: string;
  endpoint?: string;
  readTimeout?: number;
}

export function sdkClient(s: Pick<ServedSimulator, 'accessKeyId' | 'accessKeySecret' | 'endpoint'> | undefined, o: SdkOptions = {}): any {
  return new Ecs.default(
    new $OpenApiUtil.Config({
      accessKeyId: o.accessKeyId ?? s?.accessKeyId,
      accessKeySecret: o.accessKeySecret ?? s?.accessKeySecret,
      endpoint: o.endpoint ?? s?.endpoint,
      protocol: 'http',
      ...(o.regionId === null ? {} : { regionId: o.regionId ?? 'cn-hangzhou' }),
      readTimeout: o.readTimeout ?? 10_000,
      connectTimeout: 5_000,
      ...(o.algorithm === 'v1' ? { signatureAlgorithm: 'v2' } : {}),
    }),
  );
}

/** The error an SDK call must end with (the test fails if it succeeds). */
export async function sdkError(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the SDK call to fail');
}
