/**
 * The recorded react-notion-x responses in the repository's top-level fixtures/ folder (MIT, see
 * its LICENSE), resolved from this file so tests never depend on anything outside the repository.
 */
export const recordedFixtures = new URL('../../fixtures/recorded/react-notion-x/', import.meta.url)
