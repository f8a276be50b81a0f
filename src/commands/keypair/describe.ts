import { defineDescribe } from '../builders/index.js';
import { keypair } from '../../resources/keypair.js';

export default defineDescribe({
  resource: keypair,
  help: 'Shows the name, the MD5 fingerprint ECS computes, the creation time, the public key and tags.\n-o json prints the DescribeKeyPairs KeyPair object (an array for several names).',
  examples: ['ecs keypair describe deploy', 'ecs keypair describe deploy -o json --query PublicKey'],
});
