// Cloud Assistant actions — request/response types from /work/shared/reference/ecs-api-models.md
// (see README.md in this folder for the conventions).

import type { ApiResponseBase } from './common.js';

export interface RunCommandRequest {
  ClientToken?: string;
  CommandContent: string;
  ContainerId?: string;
  ContainerName?: string;
  ContentEncoding?: string;
  Description?: string;
  EnableParameter?: boolean;
  Frequency?: string;
  InstanceId?: string[];
  KeepCommand?: boolean;
  Launcher?: string;
  Name?: string;
  OssOutputDelivery?: string;
  Parameters?: string;
  RegionId: string;
  RepeatMode?: string;
  ResourceGroupId?: string;
  ResourceTag?: {
    Key?: string;
    Value?: string;
  }[];
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  TerminationMode?: string;
  Timed?: boolean;
  Timeout?: number;
  Type: string;
  Username?: string;
  WindowsPasswordName?: string;
  WorkingDir?: string;
}
export interface RunCommandResponse extends ApiResponseBase {
  CommandId?: string;
  InvokeId?: string;
}

export interface Invocation {
  CommandContent?: string;
  CommandDescription?: string;
  CommandId?: string;
  CommandName?: string;
  CommandType?: string;
  ContainerId?: string;
  ContainerName?: string;
  CreationTime?: string;
  Frequency?: string;
  InvocationStatus?: string;
  InvokeId?: string;
  InvokeInstances?: {
    InvokeInstance?: {
      CreationTime?: string;
      Dropped?: number;
      ErrorCode?: string;
      ErrorInfo?: string;
      ExitCode?: number;
      FinishTime?: string;
      InstanceId?: string;
      InstanceInvokeStatus?: string;
      InvocationStatus?: string;
      OssOutputErrorCode?: string;
      OssOutputErrorInfo?: string;
      OssOutputStatus?: string;
      OssOutputUri?: string;
      Output?: string;
      Repeats?: number;
      StartTime?: string;
      StopTime?: string;
      Timed?: boolean;
      UpdateTime?: string;
    }[];
  };
  InvokeStatus?: string;
  Launcher?: string;
  OssOutputDelivery?: string;
  Parameters?: string;
  RepeatMode?: string;
  Tags?: {
    Tag?: {
      TagKey?: string;
      TagValue?: string;
    }[];
  };
  TerminationMode?: string;
  Timed?: boolean;
  Timeout?: number;
  Username?: string;
  WorkingDir?: string;
}

export interface DescribeInvocationsRequest {
  CommandId?: string;
  CommandName?: string;
  CommandType?: string;
  ContentEncoding?: string;
  IncludeOutput?: boolean;
  InstanceId?: string;
  InvokeId?: string;
  InvokeStatus?: string;
  MaxResults?: number;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
  RepeatMode?: string;
  ResourceGroupId?: string;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
  Timed?: boolean;
}
export interface DescribeInvocationsResponse extends ApiResponseBase {
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
  Invocations?: { Invocation?: Invocation[] };
}

export interface DescribeInvocationResultsRequest {
  CommandId?: string;
  ContentEncoding?: string;
  IncludeHistory?: boolean;
  InstanceId?: string;
  InvokeId?: string;
  InvokeRecordStatus?: string;
  MaxResults?: number;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
  ResourceGroupId?: string;
  Tag?: {
    Key?: string;
    Value?: string;
  }[];
}
export interface DescribeInvocationResultsResponse extends ApiResponseBase {
  Invocation?: {
    InvocationResults?: {
      InvocationResult?: {
        CommandId?: string;
        ContainerId?: string;
        ContainerName?: string;
        Dropped?: number;
        ErrorCode?: string;
        ErrorInfo?: string;
        ExitCode?: number;
        FinishedTime?: string;
        InstanceId?: string;
        InvocationStatus?: string;
        InvokeId?: string;
        InvokeRecordStatus?: string;
        Launcher?: string;
        OssOutputDelivery?: string;
        OssOutputErrorCode?: string;
        OssOutputErrorInfo?: string;
        OssOutputStatus?: string;
        OssOutputUri?: string;
        Output?: string;
        Repeats?: number;
        StartTime?: string;
        StopTime?: string;
        Tags?: {
          Tag?: {
            TagKey?: string;
            TagValue?: string;
          }[];
        };
        TerminationMode?: string;
        Username?: string;
      }[];
    };
    NextToken?: string;
    PageNumber?: number;
    PageSize?: number;
    TotalCount?: number;
  };
}

export interface DescribeCloudAssistantStatusRequest {
  InstanceId?: string[];
  MaxResults?: number;
  NextToken?: string;
  OSType?: string;
  PageNumber?: number;
  PageSize?: number;
  RegionId: string;
}
export interface DescribeCloudAssistantStatusResponse extends ApiResponseBase {
  InstanceCloudAssistantStatusSet?: {
    InstanceCloudAssistantStatus?: {
      ActiveTaskCount?: number;
      CloudAssistantStatus?: string;
      CloudAssistantVersion?: string;
      InstanceId?: string;
      InvocationCount?: number;
      LastHeartbeatTime?: string;
      LastInvokedTime?: string;
      OSType?: string;
      SupportSessionManager?: boolean;
    }[];
  };
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
}


export interface CloudAssistantActions {
  RunCommand: { req: RunCommandRequest; res: RunCommandResponse };
  DescribeInvocations: { req: DescribeInvocationsRequest; res: DescribeInvocationsResponse };
  DescribeInvocationResults: { req: DescribeInvocationResultsRequest; res: DescribeInvocationResultsResponse };
  DescribeCloudAssistantStatus: { req: DescribeCloudAssistantStatusRequest; res: DescribeCloudAssistantStatusResponse };
}
