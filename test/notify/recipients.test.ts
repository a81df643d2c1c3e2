import { describe, expect, it } from 'vitest';
import type { SectionName } from '../../src/notify/news.js';
import { addressees, allRecipients, kindsFor } from '../../src/notify/recipients.js';

const lists = {
  errors: ['it@district.test', 'Admin@District.test'],
  missingUsers: ['registrar@district.test', 'admin@district.test'],
  changes: ['admin@district.test'],
  held: [],
  drift: [],
};

function sections(...names: SectionName[]): Set<SectionName> {
  return new Set(names);
}

describe('addressees', () => {
  it('gives each address one email with exactly the sections meant for it', () => {
    const groups = addressees(lists, sections('errors', 'missingUsers', 'changes'));
    expect(groups).toEqual([
      { recipients: ['it@district.test'], sections: ['errors'] },
      { recipients: ['Admin@District.test'], sections: ['errors', 'missingUsers', 'changes'] },
      { recipients: ['registrar@district.test'], sections: ['missingUsers'] },
    ]);
  });

  it('sends nothing for a kind without news, and nothing to a kind without recipients', () => {
    expect(addressees(lists, sections('changes'))).toEqual([{ recipients: ['admin@district.test'], sections: ['changes'] }]);
    expect(addressees(lists, sections('held'))).toEqual([]);
    expect(addressees(lists, sections())).toEqual([]);
  });

  it('puts readers who get the same sections on one message', () => {
    const groups = addressees({ ...lists, missingUsers: ['a@district.test', 'b@district.test'] }, sections('missingUsers'));
    expect(groups).toEqual([{ recipients: ['a@district.test', 'b@district.test'], sections: ['missingUsers'] }]);
  });

  it('sends the heartbeat to the errors recipients only', () => {
    expect(addressees(lists, sections('heartbeat'))).toEqual([
      { recipients: ['it@district.test', 'Admin@District.test'], sections: ['heartbeat'] },
    ]);
  });
});

describe('recipient lists', () => {
  it('lists every address once, whatever its case', () => {
    expect(allRecipients(lists)).toEqual(['it@district.test', 'Admin@District.test', 'registrar@district.test']);
    expect(kindsFor(lists, 'ADMIN@district.test')).toEqual(['errors', 'missingUsers', 'changes']);
  });
});
