/** RFC 9457 problem details, the body of every error answer. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://recert.dev/problems/';

export const problemType = (slug: string) => `${PROBLEM_TYPE_BASE}${slug}`;
