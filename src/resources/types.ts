// A resource descriptor says everything the generic command builders (src/commands/builders/)
// and completion need to know about one kind of ECS resource: how it is named, which action
// lists it and how that action pages and selects by ID, which error codes mean "no such
// resource" and "wrong status", its statuses, its default table columns and describe fields.
// See README.md in this folder for how to add one.

import type { ActionName, RequestOf, ResponseOf } from '../api/actions/index.js';
import type { Column } from '../core/output.js';

/**
 * How the Describe action selects by IDs:
 * - `json`: one parameter holding a JSON array string (DescribeInstances InstanceIds='["i-1"]');
 * - `repeat`: a repeat list (DescribeInstanceTypes InstanceTypes.1, .2 …);
 * - `comma`: one parameter, IDs separated by commas (DescribeImages ImageId='m-1,m-2');
 * - `single`: one ID per call (DescribeKeyPairs KeyPairName, DescribeAutoSnapshotPolicyEx AutoSnapshotPolicyId);
 * - `client`: no such parameter; the whole list is fetched and filtered here (regions, zones).
 */
export type ByIds<A extends ActionName = ActionName> =
  | { style: 'json' | 'repeat' | 'comma'; param: ParamOf<A>; max: number }
  | { style: 'single'; param: ParamOf<A> }
  | { style: 'client' };

/**
 * How the Describe action pages: PageNumber/PageSize (TotalCount in the answer),
 * MaxResults/NextToken, or not at all (one answer holds everything).
 */
export type Paging = { style: 'page'; pageSize: number } | { style: 'token'; pageSize: number } | { style: 'none' };

/** A request parameter name of action A (compile-time checked). */
export type ParamOf<A extends ActionName> = keyof RequestOf<A> & string;

/** The item type of a Describe action, given the path of its list ("Instances.Instance"). */
export type ItemOf<A extends ActionName, P extends string> = P extends `${infer K}.${infer L}`
  ? K extends keyof ResponseOf<A>
    ? NonNullable<ResponseOf<A>[K]> extends infer O
      ? L extends keyof O
        ? NonNullable<O[L]> extends (infer I)[]
          ? I
          : never
        : never
      : never
    : never
  : never;

export interface ResourceDescriptor<A extends ActionName = ActionName, T = any> {
  /** Key used on commands and in completion declarations: "instance", "keypair". */
  name: string;
  /** For messages: "instance" / "instances", "key pair" / "key pairs". */
  noun: string;
  plural: string;
  /** The field that identifies it (InstanceId; KeyPairName for key pairs). */
  idField: keyof T & string;
  /** The human name field, shown next to the ID in completion and messages. */
  nameField?: keyof T & string;
  /** The status field, when the resource has one. */
  statusField?: keyof T & string;

  /** The action that lists and describes it, and where its items are in the answer. */
  describe: {
    action: A;
    itemPath: string;
    byIds: ByIds<A>;
    paging: Paging;
    /** Whether RegionId is sent (every regional action; not DescribeRegions). */
    regional: boolean;
    /** Parameters always sent (AcceptLanguage …). */
    params?: Partial<RequestOf<A>>;
    /** Parameters sent when fetching by IDs (DescribeImages: Status=every status). */
    byIdsParams?: Partial<RequestOf<A>>;
  };

  /** Real error codes: no such resource, and an action refused in its current status. */
  errors: { notFound: string; wrongStatus?: string };
  /** Every status value, in lifecycle order. */
  statuses?: readonly string[];
  /** Statuses that are on the way somewhere (a wait keeps polling through them). */
  transitional?: readonly string[];

  /** Default table columns of `list` (headers name them for --columns). */
  columns: Column<T>[];
  /** "Label: value" lines of `describe`. */
  fields(item: T): [string, unknown][];

  /** Completion candidates: the ID, described by `label` (default nameField). */
  completion?: { label?: (item: T) => string | undefined };
}

/** Declare a descriptor with its item type inferred from the Describe action's answer. */
export function defineResource<A extends ActionName, P extends string>(
  d: ResourceDescriptor<A, ItemOf<A, P>> & { describe: { action: A; itemPath: P } },
): ResourceDescriptor<A, ItemOf<A, P>> {
  return d;
}

/** The status that means "no longer exists" for waits (`--status Deleted`). */
export const GONE = 'Deleted';

/** Any descriptor (what the generic builders take; each descriptor is checked where it is defined). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResource = ResourceDescriptor<any, any>;
