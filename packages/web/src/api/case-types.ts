/**
 * Answers of the investigation, contacts, 协查, cluster and chain endpoints: the static types of
 * their schemas in `@lianfang/contracts` (`Static<typeof X>`), never restated by hand.
 */
export type {
  AcknowledgeClusterBody,
  AssistDirection,
  AssistRequest,
  CaseLink,
  ChainConfidence,
  ChainEdge,
  ChainGraphResponse,
  ChainNode,
  ChainQuery,
  ClusterAlert,
  ClusterKind,
  ClusterPage,
  ClusterQuery,
  ClusterStatus,
  ContactDegree,
  ContactInput,
  ContactOutcome,
  ContactReasonJson,
  ContactRow,
  CreateCaseLinkBody,
  DetectClustersBody,
  DetectClustersResult,
  Investigation,
  InvestigationCandidate,
  SecondaryCandidate,
  SecondaryInvestigation,
} from '@lianfang/contracts'
