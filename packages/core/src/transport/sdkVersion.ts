/** The version of @notion-rx/core, sent in the default User-Agent. Kept equal to package.json by a test. */
export const SDK_VERSION = '0.1.0'
