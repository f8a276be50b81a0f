import { defineList } from '../builders/index.js';
import { keypair } from '../../resources/keypair.js';
import { collectTag, type TagKV } from '../shared/parse.js';

export default defineList({
  resource: keypair,
  ids: false,
  filters: [
    { flags: '--name <pattern>', description: 'only names matching; * is a wildcard (deploy-*)', param: 'KeyPairName' },
    { flags: '--fingerprint <md5>', description: 'only the key pair with this fingerprint (aa:bb:…)', param: 'KeyPairFingerPrint' },
    {
      flags: '--tag <key[=value]>',
      description: 'only key pairs with this tag (repeatable: all must match)',
      param: 'Tag',
      parse: collectTag,
      toParam: (tags: TagKV[]) => tags.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value })),
    },
  ],
  examples: ['ecs keypair list', "ecs keypair list --name 'deploy-*' -o ids", 'ecs keypair list --fingerprint 89:f0:ba:62:ac:6d:21:7d:40:20:b8:78:ab:1e:1c:0d'],
});
