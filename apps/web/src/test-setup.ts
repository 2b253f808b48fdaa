import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// The unit tests' files that replace nothing share one DOM per worker (vitest.config.ts): what a test
// rendered is unmounted after it, whether or not its file does so itself.
afterEach(() => cleanup());
