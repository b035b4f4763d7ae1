/** The list-page kit: URL list state, a server-paged table, a mutation modal and union options. */
export { useUrlListState, PAGE_SIZES, type UrlListState } from './use-url-list-state'
export { PagedTable, type PageOf, type PagedTableProps } from './PagedTable'
export { ListSearch } from './ListSearch'
export { MutationModal, MutationButton, type MutationModalProps, type ReasonField } from './MutationModal'
export { fieldErrorsOf, type FieldError } from './field-errors'
export { unionOptions, unionValue, type UnionOption } from './union-options'
