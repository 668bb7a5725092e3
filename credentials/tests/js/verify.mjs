// An independent verifier for the tests: Digital Bazaar's VC stack, offline.
//
// Reads one JSON object on stdin:
//   {"credential": {...}, "didDocuments": [{...}], "statusLists": {"<url>": {...}}, "now": "<ISO time>"}
// and writes one on stdout:
//   {"verified": bool, "errors": ["..."], "status": [{"purpose": "...", "set": bool}], "statusVerified": bool}
// "verified" is @digitalbazaar/vc's verdict on the proof and the validity period, with the
// status lists read (their own proofs and issuer checked) by @digitalbazaar/vc-bitstring-status-list;
// "status" lists each status entry's bit: set means revoked or suspended.
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as vc from '@digitalbazaar/vc';
import {makeDocumentLoader, readInput} from './loader.mjs';

const input = await readInput();
const documentLoader = makeDocumentLoader(input);
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const now = input.now ? new Date(input.now) : new Date();
let status = [];
let statusVerified = null;
const errors = [];

async function statusChecker(options) {
  const result = await checkStatus(options);
  statusVerified = result.verified;
  if(result.error) {
    errors.push(`status: ${result.error.message}`);
  }
  status = (result.results || []).map(({credentialStatus, status: set}) => ({
    purpose: credentialStatus.statusPurpose, set
  }));
  return result;
}

let verified = false;
try {
  const result = await vc.verifyCredential({
    credential: input.credential,
    suite,
    documentLoader,
    now,
    checkStatus: input.credential.credentialStatus ? statusChecker : undefined
  });
  verified = result.verified;
  const collect = error => {
    if(!error) {
      return;
    }
    if(error.errors) {
      error.errors.forEach(collect);
    } else {
      errors.push(error.message || String(error));
    }
  };
  collect(result.error);
  for(const proofResult of result.results || []) {
    collect(proofResult.error);
  }
} catch(error) {
  errors.push(error.message || String(error));
}
process.stdout.write(JSON.stringify({verified, errors, status, statusVerified}) + '\n');
