import { memoryStore } from 'react-admin';
import { onQuickExit } from '../layout/quick-exit';

/**
 * react-admin's preferences (list parameters, column choices, the language) live in memory only: a
 * search typed into a list must not survive in localStorage on a shared computer
 * (docs/security-model.md). Its own module, so the sign-in page (boot/SignInShell.tsx) shares it
 * without loading the app's query cache.
 */
export const store = memoryStore();

onQuickExit(() => store.reset());
