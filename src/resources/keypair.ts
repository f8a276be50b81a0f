// The key pair resource (named, not ID'd: KeyPairName identifies it in a region).

import type { KeyPair } from '../api/actions/keypairs.js';
import { defineResource } from './types.js';

export type { KeyPair };

function tags(k: KeyPair): string | undefined {
  const t = k.Tags?.Tag;
  return t?.length ? t.map((x) => `${x.TagKey}=${x.TagValue}`).join(', ') : undefined;
}

export const keypair = defineResource({
  name: 'keypair',
  noun: 'key pair',
  plural: 'key pairs',
  idField: 'KeyPairName',
  describe: {
    action: 'DescribeKeyPairs',
    itemPath: 'KeyPairs.KeyPair',
    byIds: { style: 'single', param: 'KeyPairName' },
    paging: { style: 'page', pageSize: 50 },
    regional: true,
    byIdsParams: { IncludePublicKey: true },
  },
  errors: { notFound: 'InvalidKeyPairName.NotFound' },
  columns: [
    { header: 'Name', get: 'KeyPairName' },
    { header: 'Fingerprint', get: 'KeyPairFingerPrint' },
    { header: 'Created', get: 'CreationTime' },
    { header: 'Tags', get: tags },
  ],
  fields: (k) => [
    ['Name', k.KeyPairName],
    ['Fingerprint (MD5)', k.KeyPairFingerPrint],
    ['Created', k.CreationTime],
    ['Public key', k.PublicKey],
    ['Tags', tags(k)],
  ],
  completion: { label: (k) => k.KeyPairFingerPrint },
});
