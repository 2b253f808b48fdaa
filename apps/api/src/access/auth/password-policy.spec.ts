import { passwordDictionarySize, passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it.each([
    ['fourteen chars', 'quiet river 14'],
    ['a common password', 'qazwsxedcrfvtgb'],
    ['a common password re-cased', 'PasswordPassword'],
    ['the product name with digits', 'lanternlantern2026'],
    ['the organization name with symbols', 'Harbor!Harbor!Harbor!'],
    ['the e-mail local part', 'robinsmith robinsmith'],
    ['one character', 'zzzzzzzzzzzzzzzzzzzz'],
    ['129 characters', 'x1y2'.repeat(32) + 'z'],
    ['digits in a row (the review)', '123456789012345'],
    ['digits in a row, longer', '12345678901234567890'],
    ['a keyboard walk', 'qwertyuiopasdfgh'],
    ['a sequence of letters', 'abcdefghijklmnop'],
    ['a short pattern repeated to length', 'x1y2'.repeat(32)],
    ['a common password with digits', 'Password123456789'],
    ['a word repeated', 'monkeymonkeymonkey'],
  ])('refuses %s', async (_label, password) => {
    expect(await passwordProblem(password, { organizationNames: ['Harbor'], email: 'robinsmith@harbor.test' })).not.toBeNull();
  });

  it.each([
    ['fifteen chars', 'quiet river 15x'],
    ['a passphrase naming the product among other words', 'my lantern glows by the harbour'],
    ['128 characters', 'seven orange kites drift over the quiet bay at dusk while a ferry hums past the lighthouse and gulls argue about bread crumbs! o'],
    ['non-ASCII', 'Çalışkan-ağaç-gölge-42'],
  ])('accepts %s', async (_label, password) => {
    expect(await passwordProblem(password, { organizationNames: ['Harbor'], email: 'robinsmith@harbor.test' })).toBeNull();
  });
});

describe('the password list', () => {
  it('holds at least 100,000 common and breached passwords, words and names', async () => {
    expect(await passwordDictionarySize()).toBeGreaterThanOrEqual(100_000);
  });

  it.each([
    ['123456789012345', /too easy to guess: .*common/i],
    ['abcdefghijklmnop', /too easy to guess: .*sequences/i],
    ['iloveyouiloveyou', /too easy to guess: .*repeated/i],
  ])('says why %j is refused', async (password, why) => {
    expect(await passwordProblem(password)).toMatch(why);
  });
});
