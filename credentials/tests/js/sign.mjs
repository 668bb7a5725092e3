// Issuing with Digital Bazaar's VC stack, for the tests: the reverse of verify.mjs, so that
// the portal's verifier is shown to accept what another implementation signs.
//
// Reads {"credential": {...}, "key": {"id", "controller", "publicKeyMultibase",
// "secretKeyMultibase"}, "created": "<ISO time>"} on stdin; writes the signed credential.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {makeDocumentLoader, readInput} from './loader.mjs';

const input = await readInput();
const keyPair = await Ed25519Multikey.from({
  '@context': 'https://w3id.org/security/multikey/v1',
  type: 'Multikey',
  ...input.key
});
const suite = new DataIntegrityProof({
  signer: keyPair.signer(),
  cryptosuite: eddsaRdfc2022CryptoSuite,
  date: input.created
});
const signed = await vc.issue({credential: input.credential, suite, documentLoader: makeDocumentLoader()});
process.stdout.write(JSON.stringify(signed) + '\n');
