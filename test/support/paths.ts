/** Where the tests find the repository and its committed fixtures, wherever a test file lives. */
import * as path from 'node:path';

/** The repository root. */
export const repoRoot = path.resolve(__dirname, '../..');

/** `test/fixtures/`: model files and the truth the generators in tools/golden/ wrote for them. */
export const fixturesRoot = path.join(repoRoot, 'test', 'fixtures');
