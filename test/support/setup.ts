import { afterAll } from 'vitest';
import { removeTemporaryDirectories } from './temporary.ts';

// Run before each test file, whether or not test files share their modules: the directories a file made go after
// its last test.
afterAll(removeTemporaryDirectories);
