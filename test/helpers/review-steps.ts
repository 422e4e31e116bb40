import { LINT_RULES } from '../../src/comms/linter/index.js';

/**
 * Every linter rule id: a review step that acknowledges them all passes the lint policy whatever the text
 * (src/kinds/draft-policy.ts), for tests about what the rules do after it, written as a raw event would be.
 */
export const ACKNOWLEDGE_ALL: string[] = LINT_RULES.map((r) => r.id);
