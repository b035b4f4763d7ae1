/** A case's id as the console accepts it typed: a positive bigint in decimal. */
export const CASE_ID = /^[1-9][0-9]{0,17}$/
