// The paging of every Describe* action, in one place: PageNumber/PageSize (page style) and
// MaxResults/NextToken (token style, which the real API recommends). NextToken is opaque to
// clients; here it carries the offset of the next item.
//
// The answer carries the model's fields only: PageNumber and PageSize in page style,
// NextToken ('' on the last page) in token style. The caller adds TotalCount where the
// action's model has it.

import { ApiError } from '../core/errors.js';
import type { Params } from './params.js';

export interface Page {
  start: number;
  end: number;
  /** Response fields: PageNumber/PageSize, or NextToken. */
  fields: Record<string, unknown>;
}

export interface PagingRules {
  /** PageSize (and MaxResults) when absent. */
  defaultSize: number;
  /** Largest PageSize. */
  maxSize: number;
  /** Token style: smallest and largest MaxResults (DescribeInstances: 10 to 100). */
  minResults?: number;
  maxResultsMax?: number;
  /** MaxResults when absent in token style (default: defaultSize). */
  defaultResults?: number;
  /** Which styles the action has (default both). */
  style?: 'both' | 'page' | 'token';
}

function bad(name: string, detail: string): ApiError {
  return new ApiError('InvalidParameter', `The specified parameter "${name}" is not valid. (${detail})`, 400);
}

export function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeToken(t: string): number {
  const s = Buffer.from(t, 'base64url').toString('utf8');
  const m = /^o:(\d{1,9})$/.exec(s);
  if (!m) throw new ApiError('InvalidNextToken.Malformed', 'The specified parameter "NextToken" is not valid.', 400);
  return Number(m[1]);
}

export function pageOf(params: Params, total: number, o: PagingRules): Page {
  const style = o.style ?? 'both';
  const token = style === 'page' ? undefined : params.str('NextToken');
  const maxResultsRaw = style === 'page' ? undefined : params.str('MaxResults');
  if (style === 'token' || token !== undefined || maxResultsRaw !== undefined) {
    const min = o.minResults ?? 1;
    const maxMax = o.maxResultsMax ?? o.maxSize;
    const max = params.int('MaxResults', { min, max: maxMax, default: o.defaultResults ?? Math.max(min, o.defaultSize), message: `The specified parameter "MaxResults" is not valid. (${min} to ${maxMax})` });
    if (max === undefined) throw bad('MaxResults', `${min} to ${maxMax}`);
    const start = token ? decodeToken(token) : 0;
    const end = Math.min(total, start + max);
    return { start, end, fields: { NextToken: end < total ? encodeToken(end) : '' } };
  }
  const pageNumber = params.int('PageNumber', { min: 1, max: 1e9, default: 1, message: 'The specified parameter "PageNumber" is not valid. (1 or more)' })!;
  const pageSize = params.int('PageSize', { min: 1, max: o.maxSize, default: o.defaultSize, message: `The specified parameter "PageSize" is not valid. (1 to ${o.maxSize})` })!;
  const start = (pageNumber - 1) * pageSize;
  return { start, end: Math.min(total, start + pageSize), fields: { PageNumber: pageNumber, PageSize: pageSize } };
}
