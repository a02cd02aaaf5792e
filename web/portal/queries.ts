/**
 * Every operation the portal sends, in one place, so that a unit test validates each against the
 * composed supergraph (test/unit/portal-queries.test.ts): a renamed field fails the test suite,
 * not a user's screen. Screens import these by name; each is the public API an agency would call.
 */

// ── public ──────────────────────────────────────────────────────────────────────────────────────
export const AGENCIES = /* GraphQL */ `
  query PortalAgencies {
    agencies {
      code
      name
      kind
      provides
      description
      status
      suspendedAt
    }
  }
`;

const ITEM_FIELDS = `name resourceCode field description dataType valueKind sharingType sharingCondition sharingMethod openType openCondition level mask provider basis updateCycle`;

export const CATALOGUE = /* GraphQL */ `
  query PortalCatalogue($open: Boolean, $kind: CatalogResourceKind!, $keyword: String, $level: SensitivityLevel, $sharingType: SharingType, $provider: String) {
    catalogResources(open: $open, kind: $kind, keyword: $keyword, level: $level, sharingType: $sharingType, provider: $provider) {
      code
      name
      summary
      provider
      updateCycle
      sharingType
      openType
      kind
      itemCount
      typeName
    }
  }
`;

export const RESOURCE = /* GraphQL */ `
  query PortalResource($code: String!) {
    catalogResource(code: $code) {
      code
      name
      summary
      provider
      updateCycle
      format
      sharingType
      openType
      kind
      typeName
      description
      subgraph
      publishedAt
      publicDisclosureUrl
      items { ${ITEM_FIELDS} }
    }
  }
`;

export const ITEMS_OF_TYPE = /* GraphQL */ `
  query PortalItemsOfType($keyword: String) {
    catalogResources(kind: BASE, keyword: $keyword) {
      code
      name
      typeName
      items { ${ITEM_FIELDS} }
    }
  }
`;

export const EVALUATION = /* GraphQL */ `
  query PortalEvaluation($year: Int!) {
    evaluationReport(year: $year) {
      year
      generatedAt
      asOf
      providers {
        agencyCode
        agency {
          name
        }
        itemsPublished
        applicationsReceived
        applicationsApproved
        provisioned
        provisionedOnTime
        provisionedLate
        provisioningOverdue
        demandsReceived
        demandsAnswered
        dataObjectionsReceived
        dataObjectionsAnswered
      }
      consumers {
        agencyCode
        agency {
          name
        }
        requests
        itemsServed
        itemsMasked
        refusals
        applicationsSubmitted
      }
    }
  }
`;

export const BUREAU_EVALUATION = /* GraphQL */ `
  query PortalBureauEvaluation($year: Int!) {
    bureauEvaluationReport(year: $year) {
      year
      generatedAt
      asOf
      providers {
        agencyCode
        agency {
          name
        }
        itemsPublished
        applicationsReceived
        applicationsApproved
        provisioned
        provisionedOnTime
        provisionedLate
        provisioningOverdue
        demandsReceived
        demandsAnswered
        dataObjectionsReceived
        dataObjectionsAnswered
      }
      consumers {
        agencyCode
        agency {
          name
        }
        requests
        itemsServed
        itemsMasked
        refusals
        applicationsSubmitted
      }
    }
  }
`;

export const EVALUATION_CSV = /* GraphQL */ `
  query PortalEvaluationCsv($year: Int!) {
    evaluationReportCsv(year: $year)
  }
`;

// ── applications and grants ─────────────────────────────────────────────────────────────────────
const APPLICATION_FIELDS = `
  id applicantCode operator items conditionalItems unconditionalItems providers purpose justification legalBasis
  requestedMasks { item mask } validUntil status submittedAt decidedAt rejectionReason
  reviews { reviewer role approve reason operator at } pendingReviewers
  provisions { provider items at delayWorkingDays } pendingProvisioners
  provisioningDeadline provisioningDeadlineAt provisionedAt overdue provisioningDelayWorkingDays
  grant { id status }
`;

export const SUBMIT_APPLICATION = /* GraphQL */ `
  mutation PortalSubmitApplication($input: SharingApplicationInput!) {
    submitSharingApplication(input: $input) { ${APPLICATION_FIELDS} }
  }
`;

export const APPLICATIONS = /* GraphQL */ `
  query PortalApplications($first: Int, $after: String, $filter: SharingApplicationFilter) {
    sharingApplications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${APPLICATION_FIELDS} } }
    }
  }
`;

export const WITHDRAW_APPLICATION = /* GraphQL */ `
  mutation PortalWithdrawApplication($id: ID!) {
    withdrawSharingApplication(id: $id) {
      id
      status
    }
  }
`;

export const REVIEW_APPLICATION = /* GraphQL */ `
  mutation PortalReviewApplication($id: ID!, $approve: Boolean!, $reason: String) {
    reviewSharingApplication(id: $id, approve: $approve, reason: $reason) {
      id
      status
      pendingReviewers
    }
  }
`;

export const PROVISION_APPLICATION = /* GraphQL */ `
  mutation PortalProvisionApplication($id: ID!) {
    provisionSharingApplication(id: $id) {
      id
      status
      pendingProvisioners
      grant {
        id
        status
      }
    }
  }
`;

export const GRANTS = /* GraphQL */ `
  query PortalGrants($first: Int, $after: String, $status: GrantStatus, $agency: String) {
    grants(first: $first, after: $after, status: $status, agency: $agency) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          agencyCode
          items
          purposes
          masks {
            item
            mask
          }
          rowScope
          validFrom
          validTo
          status
          revokedAt
          revokedReason
          revokedBy
          applicationId
          createdAt
        }
      }
    }
  }
`;

export const REVOKE_GRANT = /* GraphQL */ `
  mutation PortalRevokeGrant($id: ID!, $reason: String!) {
    revokeGrant(id: $id, reason: $reason) {
      id
      status
      items
    }
  }
`;

// ── demands, objections, notices ────────────────────────────────────────────────────────────────
const DEMAND_FIELDS = `id applicant need purpose legalBasis items suggestedProvider status submittedAt provider assignedAt dueDay overdue willProvide answer answerBasis answeredAt`;

export const DEMANDS = /* GraphQL */ `
  query PortalDemands($first: Int, $status: DataDemandStatus) {
    dataDemands(first: $first, status: $status) { totalCount edges { node { ${DEMAND_FIELDS} } } }
  }
`;

export const SUBMIT_DEMAND = /* GraphQL */ `
  mutation PortalSubmitDemand($input: DataDemandInput!) {
    submitDataDemand(input: $input) { ${DEMAND_FIELDS} }
  }
`;

export const ASSIGN_DEMAND = /* GraphQL */ `
  mutation PortalAssignDemand($id: ID!, $provider: String!, $dueInWorkingDays: Int!) {
    assignDataDemand(id: $id, provider: $provider, dueInWorkingDays: $dueInWorkingDays) { ${DEMAND_FIELDS} }
  }
`;

export const ANSWER_DEMAND = /* GraphQL */ `
  mutation PortalAnswerDemand($id: ID!, $willProvide: Boolean!, $answer: String!, $basis: String) {
    answerDataDemand(id: $id, willProvide: $willProvide, answer: $answer, basis: $basis) { ${DEMAND_FIELDS} }
  }
`;

export const DATA_OBJECTIONS = /* GraphQL */ `
  query PortalDataObjections($first: Int, $status: DataObjectionStatus) {
    dataObjections(first: $first, status: $status) {
      totalCount
      edges {
        node {
          id
          item
          claim
          evidence
          raisedBy
          raisedAt
          provider
          dueDay
          overdue
          status
          outcome
          reason
          resolvedAt
        }
      }
    }
  }
`;

export const RAISE_DATA_OBJECTION = /* GraphQL */ `
  mutation PortalRaiseDataObjection($input: DataObjectionInput!) {
    raiseDataObjection(input: $input) {
      id
      status
      dueDay
    }
  }
`;

export const RESOLVE_DATA_OBJECTION = /* GraphQL */ `
  mutation PortalResolveDataObjection($id: ID!, $outcome: DataObjectionOutcome!, $reason: String!) {
    resolveDataObjection(id: $id, outcome: $outcome, reason: $reason) {
      id
      status
      outcome
    }
  }
`;

export const NOTICES = /* GraphQL */ `
  query PortalNotices($first: Int, $status: RectificationStatus) {
    rectificationNotices(first: $first, status: $status) {
      totalCount
      edges {
        node {
          id
          agency
          rule
          evidenceType
          evidenceId
          finding
          status
          raisedAt
          dueDay
          escalated
          acknowledgedAt
          fix
          closedAt
          closingNote
        }
      }
    }
  }
`;

export const ACKNOWLEDGE_NOTICE = /* GraphQL */ `
  mutation PortalAcknowledgeNotice($id: ID!, $fix: String!) {
    acknowledgeRectificationNotice(id: $id, fix: $fix) {
      id
      status
    }
  }
`;

// ── audit ───────────────────────────────────────────────────────────────────────────────────────
const AUDIT_FIELDS = `seq at requestId subgraph agencyCode operator purpose operation resource itemsServed itemsMasked itemsRefused correlationId refusalReason decision hash`;

export const AUDIT_EVENTS = /* GraphQL */ `
  query PortalAuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${AUDIT_FIELDS} } }
    }
  }
`;

export const AUDIT_TRACE = /* GraphQL */ `
  query PortalAuditTrace($requestId: String!) {
    auditTrace(requestId: $requestId) { ${AUDIT_FIELDS} prevHash }
  }
`;

export const AUDIT_CHAIN = /* GraphQL */ `
  query PortalAuditChain {
    auditChainStatus {
      intact
      events
      headHash
      brokenAtSeq
      reason
      checkedAt
    }
  }
`;

export const MY_ACCESS_HISTORY = /* GraphQL */ `
  query PortalMyAccessHistory($first: Int, $after: String) {
    myAccessHistory(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          at
          agencyCode
          agency {
            name
          }
          purpose
          operation
          resource
          subgraph
          items
          maskedItems
          refusedItems
          decision
          reference
        }
      }
    }
  }
`;

// ── bureau: register and catalogue register ─────────────────────────────────────────────────────
export const REGISTER_AGENCY = /* GraphQL */ `
  mutation PortalRegisterAgency($input: RegisterAgencyInput!) {
    registerAgency(input: $input) {
      code
      name
      status
    }
  }
`;

export const SUSPEND_AGENCY = /* GraphQL */ `
  mutation PortalSuspendAgency($code: String!, $reason: String!) {
    suspendAgency(code: $code, reason: $reason) {
      code
      status
    }
  }
`;

export const REINSTATE_AGENCY = /* GraphQL */ `
  mutation PortalReinstateAgency($code: String!, $reason: String!) {
    reinstateAgency(code: $code, reason: $reason) {
      code
      status
    }
  }
`;

export const EDIT_ITEM = /* GraphQL */ `
  mutation PortalEditItem($item: String!, $input: CatalogueItemEditInput!) {
    editCatalogueItem(item: $item, input: $input) {
      item
      version
    }
  }
`;

export const RECLASSIFY_ITEM = /* GraphQL */ `
  mutation PortalReclassifyItem($item: String!, $input: ReclassificationInput!) {
    reclassifyCatalogueItem(item: $item, input: $input) {
      item
      version
    }
  }
`;

export const ITEM_HISTORY = /* GraphQL */ `
  query PortalItemHistory($item: String!) {
    catalogueItemHistory(item: $item) {
      item
      version
      sharingType
      openType
      level
      mask
      basis
      conditions
      authorAgency
      authorOperator
      reason
      changedAt
    }
  }
`;

// ── batch exports (批量下载, Art. 18; docs/exchange.md §6) ──────────────────────────────────────────
const EXPORT_FIELDS = `id agencyCode operator resource items filter purpose format status maxRows rowsWritten bytesWritten valuesRefused truncated
  errorCode error requestedAt startedAt completedAt expiresAt downloadPath`;

export const BATCH_EXPORTS = /* GraphQL */ `
  query PortalBatchExports($first: Int, $status: BatchExportStatus) {
    batchExports(first: $first, status: $status) {
      totalCount
      edges { node { ${EXPORT_FIELDS} } }
    }
  }
`;

export const REQUEST_BATCH_EXPORT = /* GraphQL */ `
  mutation PortalRequestBatchExport($input: BatchExportInput!) {
    requestBatchExport(input: $input) { ${EXPORT_FIELDS} }
  }
`;
