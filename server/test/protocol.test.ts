import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NETWORK_IDS, builtInNetwork } from 'share-bar-server';

// The service counts the element's own list (server/src/protocol.ts links to src/protocol.ts);
// these pin what the service does with ids that arrive from pages.
describe('the wire contract on the service side', () => {
  test('knows every built-in id, in any case, and the twitter alias', () => {
    for (const id of NETWORK_IDS) assert.equal(builtInNetwork(id.toUpperCase()), id);
    assert.equal(builtInNetwork(' Twitter '), 'x');
  });

  test('takes no inherited property of an object for a network or an alias', () => {
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'pocket', 'buffer']) {
      assert.equal(builtInNetwork(id), undefined, id);
    }
  });
});
