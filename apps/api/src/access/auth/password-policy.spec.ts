import { passwordProblem } from './password-policy.js';

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
  ])('refuses %s', async (_label, password) => {
    expect(await passwordProblem(password, { organizationNames: ['Harbor'], email: 'robinsmith@harbor.test' })).not.toBeNull();
  });

  it.each([
    ['fifteen chars', 'quiet river 15x'],
    ['a passphrase naming the product among other words', 'my lantern glows by the harbour'],
    ['128 characters', 'x1y2'.repeat(32)],
    ['non-ASCII', 'Çalışkan-ağaç-gölge-42'],
  ])('accepts %s', async (_label, password) => {
    expect(await passwordProblem(password, { organizationNames: ['Harbor'], email: 'robinsmith@harbor.test' })).toBeNull();
  });
});
