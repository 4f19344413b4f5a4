/** Builds the proxy's error answers: one shape (`Problem`) for every failure the browser sees. */
import { makeProblem, type Problem } from '../src/model/flow';

export interface ProblemResult {
  status: number;
  problem: Problem;
}

export function problem(status: number, fields: Partial<Problem> & Pick<Problem, 'kind' | 'message'>): ProblemResult {
  return { status, problem: makeProblem(fields) };
}

export function invalidRequest(message: string, provider: string | null = null): ProblemResult {
  return problem(400, { kind: 'invalid_request', message, provider });
}
