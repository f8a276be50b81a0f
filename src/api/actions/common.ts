// Types shared by the action groups.

/** Every response has RequestId. */
export interface ApiResponseBase {
  RequestId?: string;
}

/** PageNumber/PageSize paging (the response side). */
export interface Paged {
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
}

/** MaxResults/NextToken paging (the response side). */
export interface TokenPaged {
  NextToken?: string;
  MaxResults?: number;
}

/** Tag.N.Key / Tag.N.Value on the wire. */
export interface TagParam {
  Key?: string;
  Value?: string;
}

/** Tags.Tag[] in responses. */
export interface TagSet {
  Tag?: { TagKey?: string; TagValue?: string }[];
}

/** An action's `{ req; res }` pair. */
export interface ActionTypes {
  req: object;
  res: ApiResponseBase;
}
