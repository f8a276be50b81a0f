// The two paging styles of the Describe* actions: PageNumber/PageSize (page style) and
// MaxResults/NextToken (token style, which the real API recommends). NextToken is opaque
// to clients; here it carries the offset of the next item.

import { ApiError } from '../../../core/errors.js';
import type { Params } from '../../params.js';

export interface Page {
  start: number;
  end: number;
  /** Response fields: PageNumber/PageSize or NextToken (+ MaxResults). */
  fields: Record<string, unknown>;
}

function bad(name: string): ApiError {
  return new ApiError('InvalidParameter', `The specified parameter "${name}" is not valid.`, 400);
}

export function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeToken(t: string): number {
  const s = Buffer.from(t, 'base64url').toString('utf8');
  const m = /^o:(\d+)$/.exec(s);
  if (!m) throw new ApiError('InvalidNextToken.Malformed', 'The specified parameter "NextToken" is not valid.', 400);
  return Number(m[1]);
}

export function pageOf(params: Params, total: number, o: { defaultSize: number; maxSize: number; maxResultsMax?: number }): Page {
  const token = params.str('NextToken');
  const maxResultsRaw = params.str('MaxResults');
  if (token !== undefined || maxResultsRaw !== undefined) {
    const max = params.int('MaxResults', { min: 1, max: o.maxResultsMax ?? o.maxSize, default: o.defaultSize });
    if (max === undefined) throw bad('MaxResults');
    const start = token ? decodeToken(token) : 0;
    const end = Math.min(total, start + max);
    return { start, end, fields: { NextToken: end < total ? encodeToken(end) : '', MaxResults: max } };
  }
  const pageNumber = params.int('PageNumber', { min: 1, default: 1 })!;
  const pageSize = params.int('PageSize', { min: 1, max: o.maxSize, default: o.defaultSize })!;
  const start = (pageNumber - 1) * pageSize;
  return { start, end: Math.min(total, start + pageSize), fields: { PageNumber: pageNumber, PageSize: pageSize } };
}
