import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, parseV3Authorization, v1Signature, v1StringToSign, v3Sign } from '../../../src/api/sign.js';

// Golden vectors from ecs-openapi-protocol.md §1.4 / §1.5 (computed with the official SDK).
describe('V1 HMAC-SHA1 signature', () => {
  const params = {
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    Format: 'XML',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    SignatureVersion: '1.0',
    Timestamp: '2016-02-23T12:46:24Z',
    Version: '2014-05-26',
  };
  it('matches the GET golden vector', () => {
    expect(v1Signature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
  it('matches the POST golden vector', () => {
    expect(v1Signature('POST', params, 'testsecret')).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
  });
  it('ignores an existing Signature parameter and encodes per RFC 3986', () => {
    expect(v1Signature('GET', { ...params, Signature: 'x' }, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    const sts = v1StringToSign('GET', { A: 'a b*~', 'B.1': "!'()" });
    expect(sts).toBe('GET&%2F&A%3Da%2520b%252A~%26B.1%3D%2521%2527%2528%2529');
  });
});

describe('V3 ACS3-HMAC-SHA256 signature', () => {
  it('matches the golden vector', () => {
    const r = v3Sign(
      {
        method: 'POST',
        query: { RegionId: 'cn-hangzhou', 'InstanceId.1': 'i-1' },
        headers: {
          host: 'ecs.cn-hangzhou.aliyuncs.com',
          'x-acs-action': 'StopInstances',
          'x-acs-version': '2014-05-26',
          'x-acs-date': '2023-10-26T09:01:01Z',
          'x-acs-signature-nonce': 'd410180a5abf7fe235dd9b74aca91fc0',
          'x-acs-content-sha256': EMPTY_SHA256,
          accept: 'application/json',
        },
        payloadHash: EMPTY_SHA256,
      },
      'YourAccessKeyId',
      'YourAccessKeySecret',
    );
    expect(r.signature).toBe('7fbe590a14fd7d1ffed440516ab288859f82bdc7c00d3b059abb21386a4b78e1');
    expect(r.signedHeaders).toBe('host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(parseV3Authorization(r.authorization)).toEqual({
      accessKeyId: 'YourAccessKeyId',
      signedHeaders: r.signedHeaders.split(';'),
      signature: r.signature,
    });
  });
  it('rejects malformed Authorization values', () => {
    expect(parseV3Authorization('Bearer x')).toBeUndefined();
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=a,Signature=b')).toBeUndefined();
  });
});
